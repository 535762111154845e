/**
 * One round trip for any number of alert groups (the webhooks that arrived together): for each, in order,
 * find or open the incident, store each alert and its status, note a repeat, and resolve the incident when
 * none of its alerts still fires. Atomic, so concurrent and repeated webhooks make one incident. Keys of an
 * existing incident are derived in the script from its id (single-node Redis, as BullMQ requires).
 *
 * KEYS: index, then per group: active pointer, last pointer.
 * ARGV: incident key prefix, now (ISO), now (ms), retention seconds, timeline entries shared by every group
 *       (updated, repeated, resolved), then per group: mode, new id, meta, severity, severity rank, created
 *       timeline entry, alert count, then per alert: fingerprint, status, alert JSON.
 * Returns per group {id, created, pipeline, status, resolvedNow}; id '' for a resolution of nothing known.
 */
import { LuaScript } from '../lua-script';

export const INTAKE_SCRIPT = new LuaScript(`
local prefix, now, nowMs, retention = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local updatedEntry, repeatedEntry, resolvedEntry = ARGV[5], ARGV[6], ARGV[7]
local ranks = { info = 0, warning = 1, critical = 2 }

local function record(activeKey, lastKey, a, count)
  local mode, newId, meta, severity, rank, createdEntry =
    ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], tonumber(ARGV[a + 4]), ARGV[a + 5]
  local id = redis.call('GET', activeKey)
  local created = 0
  if not id then
    if mode == 'resolved' then
      id = redis.call('GET', lastKey)
      if not id or redis.call('EXISTS', prefix .. id) == 0 then return { '', 0, '', '', 0 } end
    else
      id = newId
      created = 1
      redis.call('SET', activeKey, id)
      redis.call('SET', lastKey, id)
      redis.call('HSET', prefix .. id, 'meta', meta, 'status', 'open', 'severity', severity,
        'updatedAt', now, 'pipeline', 'pending')
      redis.call('RPUSH', prefix .. id .. ':timeline', createdEntry)
      redis.call('ZADD', KEYS[1], nowMs, id)
    end
  end
  local hash = prefix .. id
  local alerts = hash .. ':alerts'
  local statuses = hash .. ':alert-status'
  local changed = 0
  for i = a + 7, a + 6 + 3 * count, 3 do
    if created == 0 and redis.call('HGET', statuses, ARGV[i]) ~= ARGV[i + 1] then changed = changed + 1 end
    redis.call('HSET', statuses, ARGV[i], ARGV[i + 1])
    redis.call('HSET', alerts, ARGV[i], ARGV[i + 2])
  end
  if created == 1 then return { id, 1, 'pending', 'open', 0 } end
  if mode == 'firing' then
    if (ranks[redis.call('HGET', hash, 'severity')] or 1) < rank then
      redis.call('HSET', hash, 'severity', severity)
    end
    if changed > 0 then redis.call('RPUSH', hash .. ':timeline', updatedEntry)
    else redis.call('RPUSH', hash .. ':timeline', repeatedEntry) end
    redis.call('HSET', hash, 'updatedAt', now)
  end
  local resolvedNow = 0
  if redis.call('HEXISTS', hash, 'resolvedAt') == 0 then
    local firing = false
    for _, status in ipairs(redis.call('HVALS', statuses)) do
      if status == 'firing' then firing = true break end
    end
    if not firing then
      resolvedNow = 1
      redis.call('HSET', hash, 'resolvedAt', now, 'updatedAt', now)
      redis.call('RPUSH', hash .. ':timeline', resolvedEntry)
      if redis.call('GET', activeKey) == id then redis.call('DEL', activeKey) end
      for _, key in ipairs({ hash, hash .. ':timeline', alerts, statuses }) do
        redis.call('EXPIRE', key, retention)
      end
    end
  end
  local status = redis.call('HGET', hash, 'status')
  if redis.call('HEXISTS', hash, 'resolvedAt') == 1 then status = 'resolved' end
  return { id, 0, redis.call('HGET', hash, 'pipeline') or '', status, resolvedNow }
end

local results = {}
local a = 8
for g = 1, (#KEYS - 1) / 2 do
  local count = tonumber(ARGV[a + 6])
  results[g] = record(KEYS[2 * g], KEYS[2 * g + 1], a, count)
  a = a + 7 + 3 * count
end
return results
`);
