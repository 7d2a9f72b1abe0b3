import { AppError } from '../http/app-error';
import { checkHost, type OutboundPolicy, refusalMessage } from '../net/outbound-policy';

/**
 * A webhook URL Ferry may POST to: http(s), no credentials in it (they would be shown in the rule
 * list and logs; use the secret to authenticate Ferry instead), no fragment, and a host the
 * outbound policy allows — the same policy as remote targets. A host name is checked against the
 * name rules here and its resolved addresses at every send, so re-pointing it later cannot reach
 * a refused range.
 */
export function checkWebhookUrl(text: string, policy: OutboundPolicy, field = 'url'): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw AppError.invalid(field, 'is not an absolute URL (e.g. https://hooks.example/ferry)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw AppError.invalid(field, 'must use http or https');
  if (url.username || url.password) throw AppError.invalid(field, 'must not carry credentials; set a secret to sign the requests instead');
  if (url.hash) throw AppError.invalid(field, 'must not have a #fragment');
  const verdict = checkHost(url.hostname, policy);
  if (!verdict.allowed) throw AppError.invalid(field, refusalMessage(verdict));
  return url.toString();
}
