// createAgent: the SMP agent of api.ts, wired from its parts. start() restores everything a
// previous run left (outbox events, pending decisions and messages, subscriptions, unfinished
// handshake steps and deliveries); stop() ends all work and leaves the store to its owner.
import type { Agent, AgentOptions } from './api';
import { AgentContext } from './context';
import { Delivery } from './delivery';
import { createConnection, createShortLink } from './handshake/create';
import { acceptContact, rejectContact } from './handshake/contact';
import { allowConnection } from './handshake/allow';
import { joinConnection, prepareJoin } from './handshake/join';
import { HandshakeRunner } from './handshake/steps';
import { startSweeping } from './maintenance';
import { ackMessage, deleteConnection, sendMessage } from './messaging';
import { Receiver } from './receive/receiver';
import { readShortLink, signOwner, updateUserData } from './short-links';
import { AgentError } from './errors';
import { connIdsOn, subscribeAll } from './subscriptions';
import {
  connectionInfo,
  connectionsWithStatus,
  deleteConnectionRow,
  getConnection,
  listConnections,
} from './store/connections';
import { pendingConfirmations, pendingContactRequests } from './store/handshake';
import { getShortLink } from './store/links';
import { sndQueuesWithPending } from './store/snd-messages';
import { deleteEvents, storedEvents } from './store/outbox';
import { rcvQueueByRecipient } from './store/queues';
import type { SmpServer } from '../../../protocol/smp';
import { serverText } from './store/columns';

export function createAgent(options: AgentOptions): Agent {
  const ctx = new AgentContext(options);
  const delivery = new Delivery(ctx);
  const receiver = new Receiver(ctx, delivery);
  const runner = new HandshakeRunner(ctx);
  let unlisten: (() => void)[] = [];

  const listen = () => {
    const { smp, events } = ctx;
    unlisten = [
      smp.events.on('message', (ev) => receiver.onMessage(ev)),
      smp.events.on('messageError', (ev) => receiver.onUnreadable(ev)),
      smp.events.on('end', (ev) =>
        forQueue(ev.rcvId, (connId) => events.emit('subscriptionEnded', { connId })),
      ),
      smp.events.on('deleted', (ev) =>
        forQueue(ev.rcvId, (connId) => events.emit('deleted', { connId })),
      ),
      smp.events.on('connected', ({ server }) => {
        ctx.timers.wakeServer(server);
        connectivity('up', server);
      }),
      smp.events.on('disconnected', ({ server }) => connectivity('down', server)),
    ];
  };

  const connectivity = (event: 'up' | 'down', server: SmpServer) => {
    ctx.background('connectivity event', async () => {
      const connIds = await connIdsOn(ctx, server);
      if (connIds.length > 0) ctx.events.emit(event, { server: serverText(server), connIds });
    });
  };

  const forQueue = (recipientId: Uint8Array, then: (connId: string) => void) => {
    ctx.background('queue event', async () => {
      const rq = await rcvQueueByRecipient(ctx.db, recipientId);
      if (rq) then(rq.connId);
    });
  };

  /**
   * What a previous run left: outbox events and pending decisions. Messages not ACKed by the
   * application come again through the server's redelivery once subscribed.
   */
  const restore = async () => {
    for (const c of await connectionsWithStatus(ctx.db, ['new'])) {
      // createConnection never returned these; their queue, if created, is an orphan.
      await ctx.transact((tx) => deleteConnectionRow(tx, c.connId));
    }
    const unreadable: number[] = [];
    ctx.emitStored(await storedEvents(ctx.db, (id) => unreadable.push(id)));
    if (unreadable.length > 0) {
      ctx.log.warn('unreadable agent events dropped', { count: unreadable.length });
      await deleteEvents(ctx.db, unreadable);
    }
    for (const c of await pendingConfirmations(ctx.db)) {
      ctx.events.emit('confirmation', {
        connId: c.connId,
        confirmationId: c.confirmationId,
        connInfo: c.connInfo,
      });
    }
    for (const r of await pendingContactRequests(ctx.db)) {
      ctx.events.emit('request', {
        contactConnId: r.contactConnId,
        invitationId: r.invitationId,
        connInfo: r.connInfo,
      });
    }
  };

  const agent: Agent = {
    events: ctx.events,

    async start() {
      if (ctx.isRunning) return;
      ctx.setRunning(true);
      listen();
      await restore();
      await subscribeAll(ctx);
      for (const c of await connectionsWithStatus(ctx.db, ['joining', 'requesting', 'allowed'])) {
        ctx.background('resuming a handshake', () => runner.advance(c.connId));
      }
      for (const id of await sndQueuesWithPending(ctx.db)) delivery.wake(id);
      startSweeping(ctx);
    },

    async stop() {
      if (!ctx.isRunning) return;
      ctx.setRunning(false);
      for (const u of unlisten) u();
      unlisten = [];
      ctx.timers.clear();
      await ctx.idle();
      ctx.hot.clear();
    },

    setServers: (servers) => ctx.setServers(servers),
    createConnection: (mode, opts) => createConnection(ctx, mode, opts),
    createShortLink: (connId, sl) => createShortLink(ctx, connId, sl),
    prepareJoin: (link) => prepareJoin(ctx, link),
    joinConnection: (target, connInfo) => joinConnection(ctx, runner, target, connInfo),
    allowConnection: (connId, confId, connInfo) =>
      allowConnection(ctx, runner, connId, confId, connInfo),
    acceptContact: (invId, connInfo) => acceptContact(ctx, runner, invId, connInfo),
    rejectContact: (invId) => rejectContact(ctx, invId),
    deleteConnection: (connId) => deleteConnection(ctx, delivery, receiver, connId),
    sendMessage: (connId, body, opts) => sendMessage(ctx, delivery, connId, body, opts),
    ackMessage: (connId, id, opts) => ackMessage(ctx, delivery, receiver, connId, id, opts),

    async getConnection(connId) {
      const conn = await getConnection(ctx.db, connId);
      if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
      return connectionInfo(conn);
    },
    async listConnections() {
      return (await listConnections(ctx.db)).map(connectionInfo);
    },
    async getConnectionLinks(connId) {
      const conn = await getConnection(ctx.db, connId);
      if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
      if (conn.role !== 'initiator' || !conn.connLink) {
        throw new AgentError('CONN_STATE', 'not a connection we created');
      }
      const short = await getShortLink(ctx.db, connId);
      return { link: conn.connLink, ...(short ? { shortLink: short.shortLink } : {}) };
    },
    setShortLinkUserData: (connId, ud, opts) => updateUserData(ctx, connId, ud, opts ?? {}),
    signShortLinkOwner: (connId, ownerId, ownerKey) => signOwner(ctx, connId, ownerId, ownerKey),
    async getShortLinkData(link) {
      ctx.requireRunning();
      const { link: _parsed, senderKey: _key, ...data } = await readShortLink(ctx, link);
      return data;
    },
  };
  return agent;
}
