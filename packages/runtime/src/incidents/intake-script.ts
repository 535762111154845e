/**
 * One round trip per alert group: find or open the incident, store each alert and its status, note a repeat,
 * and resolve the incident when none of its alerts still fires. Atomic, so concurrent and repeated webhooks
 * make one incident. Keys of an existing incident are derived in the script from its id (single-node Redis,
 * as BullMQ requires).
 *
 * KEYS: active pointer, last pointer, index.
 * ARGV: mode, incident key prefix, new id, meta, now (ISO), now (ms), severity, severity rank,
 *       timeline entries (created, updated, repeated, resolved), retention seconds, then per alert:
 *       fingerprint, status, alert JSON.
 * Returns {id, created, pipeline, status, resolvedNow}, or nil for a resolution of nothing known.
 */
import { LuaScript } from '../lua-script';

export const INTAKE_SCRIPT = new LuaScript(`
local mode = ARGV[1]
local id = redis.call('GET', KEYS[1])
local created = 0
if not id then
  if mode == 'resolved' then
    id = redis.call('GET', KEYS[2])
    if not id or redis.call('EXISTS', ARGV[2] .. id) == 0 then return nil end
  else
    id = ARGV[3]
    created = 1
    redis.call('SET', KEYS[1], id)
    redis.call('SET', KEYS[2], id)
    redis.call('HSET', ARGV[2] .. id, 'meta', ARGV[4], 'status', 'open', 'severity', ARGV[7],
      'updatedAt', ARGV[5], 'pipeline', 'pending')
    redis.call('RPUSH', ARGV[2] .. id .. ':timeline', ARGV[9])
    redis.call('ZADD', KEYS[3], ARGV[6], id)
  end
end
local hash = ARGV[2] .. id
local alerts = hash .. ':alerts'
local statuses = hash .. ':alert-status'
local changed = 0
for i = 14, #ARGV, 3 do
  if redis.call('HGET', statuses, ARGV[i]) ~= ARGV[i + 1] then changed = changed + 1 end
  redis.call('HSET', statuses, ARGV[i], ARGV[i + 1])
  redis.call('HSET', alerts, ARGV[i], ARGV[i + 2])
end
if created == 0 and mode == 'firing' then
  local ranks = { info = 0, warning = 1, critical = 2 }
  if (ranks[redis.call('HGET', hash, 'severity')] or 1) < tonumber(ARGV[8]) then
    redis.call('HSET', hash, 'severity', ARGV[7])
  end
  if changed > 0 then redis.call('RPUSH', hash .. ':timeline', ARGV[10])
  else redis.call('RPUSH', hash .. ':timeline', ARGV[11]) end
  redis.call('HSET', hash, 'updatedAt', ARGV[5])
end
local resolvedNow = 0
if created == 0 and redis.call('HEXISTS', hash, 'resolvedAt') == 0 then
  local firing = false
  for _, status in ipairs(redis.call('HVALS', statuses)) do
    if status == 'firing' then firing = true break end
  end
  if not firing then
    resolvedNow = 1
    redis.call('HSET', hash, 'resolvedAt', ARGV[5], 'updatedAt', ARGV[5])
    redis.call('RPUSH', hash .. ':timeline', ARGV[12])
    if redis.call('GET', KEYS[1]) == id then redis.call('DEL', KEYS[1]) end
    for _, key in ipairs({ hash, hash .. ':timeline', alerts, statuses }) do
      redis.call('EXPIRE', key, ARGV[13])
    end
  end
end
local status = redis.call('HGET', hash, 'status')
if redis.call('HEXISTS', hash, 'resolvedAt') == 1 then status = 'resolved' end
return { id, created, redis.call('HGET', hash, 'pipeline') or '', status, resolvedNow }
`);
