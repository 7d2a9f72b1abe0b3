// Who is calling, as authentication (lib/auth) establishes it and the access checks read it.

/** The scope of the API token a caller authenticated with. */
type TokenScope = { id: string; name: string; projectName: string | null; access: 'READ' | 'WRITE' };

export type Principal = {
  userId: string;
  username: string;
  via: 'password' | 'token' | 'session';
  /** The user's administrator flag as stored now (a token narrows it, see lib/access). */
  admin: boolean;
  /** Set for token callers only. */
  token: TokenScope | null;
};
