/**
 * SMP wire formats, shared by the server (parses commands, encodes responses) and the client
 * (encodes commands, parses responses and events): versions, blocks and batches, block
 * encryption, transmissions and their authorization, commands, responses, errors, the
 * handshake, and the server's re-encryption of delivered messages. Pure: no sockets, no storage.
 */
export * from './address';
export * from './versions';
export * from './public-keys';
export * from './block';
export * from './block-cipher';
export * from './transmission';
export * from './authorization';
export * from './errors';
export * from './commands';
export * from './responses';
export * from './queue-info';
export * from './tags';
export * from './credentials';
export * from './delivery';
export * from './der';
export * from './x509';
export * from './handshake';
