import { randomBytes } from 'node:crypto';

/** 24 hex characters, the shape of bk-repo's record ids (Mongo ObjectIds), so scripts parsing them keep working. */
export function newRecordId(): string {
  return randomBytes(12).toString('hex');
}

/** 32 hex characters, bk-repo's taskKey shape (a dashless UUID). */
export function newTaskKey(): string {
  return randomBytes(16).toString('hex');
}
