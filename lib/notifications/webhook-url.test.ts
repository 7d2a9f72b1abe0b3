import { describe, expect, it } from 'vitest';
import { outboundPolicy, parseOutboundList } from '../net/outbound-policy';
import { checkWebhookUrl } from './webhook-url';

const deny = parseOutboundList('127.0.0.2/32');
if ('error' in deny) throw new Error(deny.error);
const policy = outboundPolicy({ deny });

describe('checkWebhookUrl', () => {
  it('accepts http and https URLs and normalises them', () => {
    expect(checkWebhookUrl(' http://127.0.0.1:8080/hook?x=1 ', policy)).toBe('http://127.0.0.1:8080/hook?x=1');
    expect(checkWebhookUrl('HTTPS://Hooks.Example/a', policy)).toBe('https://hooks.example/a');
  });

  it('refuses what is not an http(s) URL, credentials and fragments, naming the field', () => {
    expect(() => checkWebhookUrl('hooks.example/a', policy)).toThrow('Parameter [url] is invalid: is not an absolute URL');
    expect(() => checkWebhookUrl('ftp://127.0.0.1/a', policy)).toThrow('must use http or https');
    expect(() => checkWebhookUrl('file:///etc/passwd', policy)).toThrow('must use http or https');
    expect(() => checkWebhookUrl('http://u:p@127.0.0.1/a', policy)).toThrow('must not carry credentials');
    expect(() => checkWebhookUrl('http://127.0.0.1/a#x', policy)).toThrow('must not have a #fragment');
  });

  it('refuses hosts the outbound policy refuses: operator denials and the built-in metadata ranges', () => {
    expect(() => checkWebhookUrl('http://127.0.0.2:9/a', policy)).toThrow(
      'outbound policy refuses 127.0.0.2 (FERRY_OUTBOUND_DENY 127.0.0.2/32); set FERRY_OUTBOUND_ALLOW to permit it',
    );
    expect(() => checkWebhookUrl('http://169.254.169.254/latest', policy)).toThrow('link-local/metadata');
    expect(() => checkWebhookUrl('http://[::ffff:169.254.169.254]/latest', policy)).toThrow('link-local/metadata');
  });
});
