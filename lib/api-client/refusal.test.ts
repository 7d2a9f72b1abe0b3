import { describe, expect, it } from 'vitest';
import { ApiError } from './api-fetch';
import { describeRefusal, notFoundOf, refusalOf } from './refusal';

describe('describeRefusal', () => {
  it('names the role needed, the project and the role held', () => {
    expect(describeRefusal('user [bob] is VIEWER on project [p1]; MAINTAINER is needed')).toBe(
      'You need MAINTAINER on project p1 (you are VIEWER).',
    );
  });
  it('words token and administrator refusals', () => {
    expect(describeRefusal('token [ci] is READ; WRITE is needed')).toBe('The API token ci is READ; WRITE is needed.');
    expect(describeRefusal('user [bob] is not an administrator')).toBe('You need to be an administrator.');
  });
  it('keeps a message of another shape', () => {
    expect(describeRefusal('something else')).toBe('something else');
  });
});

describe('refusalOf and notFoundOf', () => {
  it('tell a 403 refusal and an enveloped 404 from other failures', () => {
    const denied = new ApiError(403, 250114, 'user [bob] is not an administrator');
    const missing = new ApiError(404, 250108, 'Project [p] not found');
    const noRoute = new ApiError(404, -1, 'This endpoint is not available on this server yet: GET /x');
    expect(refusalOf(denied)).toBe('You need to be an administrator.');
    expect(refusalOf(missing)).toBeNull();
    expect(notFoundOf(missing)).toBe('Project [p] not found');
    expect(notFoundOf(noRoute)).toBeNull();
    expect(notFoundOf(new Error('boom'))).toBeNull();
  });
});
