import { ApiError } from './api-fetch';

// The API's refusals (403, code 250114) name the user, the role and the project in brackets; the UI
// says the same in the user's words: what is needed, and what they have.

const PERMISSION_DENIED = 250114;

const ROLE = /^user \[(.+?)\] is (\w+) on project \[(.+?)\]; (\w+) is needed$/;
const TOKEN = /^token \[(.+?)\] is (\w+); (\w+) is needed$/;
const ADMIN = /^user \[(.+?)\] is not an administrator$/;

/** "You need MAINTAINER on project p (you are VIEWER)" for a refusal message; the message itself when it has another shape. */
export function describeRefusal(message: string): string {
  const role = ROLE.exec(message);
  if (role) return `You need ${role[4]} on project ${role[3]} (you are ${role[2]}).`;
  const token = TOKEN.exec(message);
  if (token) return `The API token ${token[1]} is ${token[2]}; ${token[3]} is needed.`;
  if (ADMIN.test(message)) return 'You need to be an administrator.';
  return message;
}

/** The refusal a request got for lack of rights, or null for any other failure. */
export function refusalOf(error: unknown): string | null {
  if (error instanceof ApiError && (error.status === 403 || error.code === PERMISSION_DENIED)) return describeRefusal(error.message);
  return null;
}

/** A missing project or repository as the API answers it (also what non-members get), or null. */
export function notFoundOf(error: unknown): string | null {
  // code -1: the path itself is unknown to this server (no envelope), a different failure.
  if (error instanceof ApiError && error.status === 404 && error.code !== -1) return error.message;
  return null;
}
