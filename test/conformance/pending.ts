// Vectors that belong to layers not built yet. Each entry says which layer will test it.
// coverage.test.ts fails if a vector is neither tested by name nor listed here, and also if a
// vector listed here is already tested (so this list only shrinks).
export const PENDING_VECTORS: Readonly<Record<string, string>> = {
  'smp_queue_uri.v1-4.two_hosts.messaging':
    'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.v1-4.two_hosts.no_queue_mode':
    'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.v1-4.two_hosts.contact':
    'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.v1-4.one_host': 'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.v2-4.two_hosts': 'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.v2-4.one_host': 'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.v2-4.two_hosts.no_port':
    'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.v2-4.one_host.no_port':
    'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.v1.legacy': 'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.parse_only.alternative_forms':
    'agent: connection links and agent messages (src/protocol/agent)',
  'smp_queue_uri.parse_only.v1_legacy_forms':
    'agent: connection links and agent messages (src/protocol/agent)',
  'e2e_ratchet_params_uri.v1': 'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.invitation':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.invitation.parse_https':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.invitation.no_queue_mode':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.invitation.two_queues':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.invitation.v2-4_queue':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.invitation.client_data_empty_json':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.contact': 'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.contact.parse_https':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.contact.two_queues':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.contact.agent_v2':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.contact.parse_adjusts_old_versions':
    'agent: connection links and agent messages (src/protocol/agent)',
  'connection_request.contact.client_data':
    'agent: connection links and agent messages (src/protocol/agent)',
  'short_link.contact.https.full_server': 'agent: short links (src/protocol/agent)',
  'short_link.group.https.full_server': 'agent: short links (src/protocol/agent)',
  'short_link.contact.https.preset_server': 'agent: short links (src/protocol/agent)',
  'short_link.invitation.https.full_server': 'agent: short links (src/protocol/agent)',
  'short_link.invitation.https.preset_server': 'agent: short links (src/protocol/agent)',
  'short_link.contact.simplex.full_server': 'agent: short links (src/protocol/agent)',
  'short_link.group.simplex.full_server': 'agent: short links (src/protocol/agent)',
  'short_link.contact.simplex.preset_server': 'agent: short links (src/protocol/agent)',
  'short_link.invitation.simplex.full_server': 'agent: short links (src/protocol/agent)',
  'short_link.invitation.simplex.preset_server': 'agent: short links (src/protocol/agent)',
  'short_link.shorten_restore.contact': 'agent: short links (src/protocol/agent)',
  'short_link.shorten_restore.invitation': 'agent: short links (src/protocol/agent)',
  'short_link.kdf': 'agent: short links (src/protocol/agent)',
  'short_link.encrypt_fixed_data_layout': 'agent: short links (src/protocol/agent)',
  'ratchet.x3dh_kdf': 'agent: double ratchet (src/protocol/agent)',
  'ratchet.root_kdf': 'agent: double ratchet (src/protocol/agent)',
  'ratchet.chain_kdf': 'agent: double ratchet (src/protocol/agent)',
  'agent.smp_queue_uri.binary': 'agent: connection links and agent messages (src/protocol/agent)',
  'agent.message.a_msg_encoding_and_hash':
    'agent: connection links and agent messages (src/protocol/agent)',
  'agent.message.a_rcvd_encoding':
    'agent: connection links and agent messages (src/protocol/agent)',
  'smp-web:shortLink': 'agent: short links (src/protocol/agent)',
  'smp-web:contactShortLinkKdf': 'agent: short links (src/protocol/agent)',
  'smp-web:invShortLinkKdf': 'agent: short links (src/protocol/agent)',
  'smp-web:chainKdf': 'agent: double ratchet (src/protocol/agent)',
};
