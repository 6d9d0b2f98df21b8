// How incoming requests are stored: once per agent request, a repeat from the same sender
// replacing the earlier one (whose agent request is dropped), never while one is being accepted.
import { describe, expect, it } from 'vitest';
import { storeRequest } from '../../../../src/main/engine/chat/requests';
import {
  listRequests,
  markAccepting,
  type NewRequest,
} from '../../../../src/main/engine/chat/store/requests';
import { useTempDirs } from '../../../support/temp-dir';
import { NOW, bytes, chatStore, peer } from './support';

const tempDir = useTempDirs();

describe('chat requests', () => {
  it('stores each request once and lets a repeat from the same sender replace it', async () => {
    const store = await chatStore(tempDir());
    const request = (invitationId: string, reqId: string | null, name = 'bob'): NewRequest => ({
      userProfileId: store.userId,
      invitationId,
      contactReqId: reqId === null ? null : bytes(reqId),
      profile: peer(name),
      chatVersion: { min: 1, max: 17 },
    });
    const put = (r: NewRequest) => store.db.transaction((tx) => storeRequest(tx, r, NOW));

    const first = await put(request('inv-1', 'r1'));
    expect(first).toEqual({ requestId: expect.any(Number) as unknown, drop: null });
    expect(await put(request('inv-1', 'r1'))).toEqual(first);

    const repeat = await put(request('inv-2', 'r1', 'bobby'));
    expect(repeat).toEqual({ requestId: first.requestId, drop: 'inv-1' });
    const [only] = await listRequests(store.db, store.userId, 'pending');
    expect(only).toMatchObject({ invitationId: 'inv-2', profile: { displayName: 'bobby' } });

    // Requests without an id never collide.
    await put(request('inv-3', null, 'carol'));
    await put(request('inv-4', null, 'dave'));
    expect(await listRequests(store.db, store.userId, 'pending')).toHaveLength(3);

    // While the first is being accepted, a repeat is dropped.
    await store.db.transaction((tx) => markAccepting(tx, first.requestId!));
    expect(await put(request('inv-5', 'r1'))).toEqual({ requestId: null, drop: 'inv-5' });
    await store.db.close();
  });
});
