package redisfrontier

import "github.com/redis/go-redis/v9"

// The Lua scripts run atomically in Redis; ARGV[1] is always the job's key
// prefix. Every key lives under that prefix (its hash tag is the job), so a
// job's keys are one slot. Times are integers: politeness times are the
// callers' microseconds, lease expiries the server's milliseconds (TIME),
// so that a worker with a wrong clock cannot expire another's lease.
//
// Numbers go back to Redis through num(): Lua would print a microsecond
// time with 14 digits and lose it.
const prelude = `
local P = ARGV[1]
local RUN, READY, HOSTS, LEASES, SEEN = P..'run', P..'ready', P..'hosts', P..'leases', P..'seen'
local function hk(h) return P..'h:'..h end
local function qk(h) return P..'q:'..h end
local function lk(id) return P..'l:'..id end
local function num(v) return string.format('%.0f', v) end
local function int(v) return tonumber(v or '0') or 0 end

local function perhost() return math.max(int(redis.call('HGET', RUN, 'perhost')), 1) end

-- fix keeps h in the ready set exactly when it can be claimed from: it has
-- queued work, is not closed and has a free slot. A host never fetched is
-- scored by its arrival (small integers, before any time), so new hosts go
-- first and in the order they came.
local function fix(h, ph)
  local f = redis.call('HMGET', hk(h), 'next', 'inflight', 'closed', 'since')
  if f[3] ~= '1' and int(f[2]) < ph and redis.call('EXISTS', qk(h)) == 1 then
    local score = int(f[1])
    if score == 0 then score = int(f[4]) end
    redis.call('ZADD', READY, num(score), h)
  else
    redis.call('ZREM', READY, h)
  end
end

local function addhost(h)
  if redis.call('SADD', HOSTS, h) == 1 then
    redis.call('HSET', hk(h), 'since', redis.call('HINCRBY', RUN, 'tick', 1))
  end
end

local function later(h, v)
  if v > int(redis.call('HGET', hk(h), 'next')) then redis.call('HSET', hk(h), 'next', num(v)) end
end

local function requeue(id, h, req)
  addhost(h)
  redis.call('ZADD', qk(h), id, req)
  redis.call('HINCRBY', RUN, 'queued', 1)
end

local function servertime()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- reap ends a lease whose holder is gone: its request goes back to its
-- place, its slot is freed.
local function reap(id, ph)
  local l = redis.call('HMGET', lk(id), 'host', 'req', 'slot')
  if l[1] then
    if l[2] and l[2] ~= '' then
      requeue(id, l[1], l[2])
      redis.call('HINCRBY', RUN, 'claimed', -1)
    end
    if l[3] == '1' and int(redis.call('HGET', hk(l[1]), 'inflight')) > 0 then
      redis.call('HINCRBY', hk(l[1]), 'inflight', -1)
    end
    fix(l[1], ph)
  end
  redis.call('DEL', lk(id))
  redis.call('ZREM', LEASES, id)
end

local function clearrun()
  for _, h in ipairs(redis.call('SMEMBERS', HOSTS)) do redis.call('UNLINK', hk(h), qk(h)) end
  for _, id in ipairs(redis.call('ZRANGE', LEASES, 0, -1)) do redis.call('UNLINK', lk(id)) end
  redis.call('UNLINK', HOSTS, READY, LEASES, SEEN)
  redis.call('HDEL', RUN, 'queued', 'claimed', 'lastid', 'tick', 'perhost', 'seeded', 'state')
end

-- unlease drops the request of a lease held by worker w, and the lease
-- with it when its slot is free too. It is false when the lease is not w's
-- or holds no request (already finished, or expired and handed on).
local function unlease(id, w)
  local l = redis.call('HMGET', lk(id), 'worker', 'req', 'slot', 'host')
  if l[1] ~= w or not l[2] or l[2] == '' then return false end
  if l[3] == '1' then redis.call('HSET', lk(id), 'req', '')
  else redis.call('DEL', lk(id)); redis.call('ZREM', LEASES, id) end
  redis.call('HINCRBY', RUN, 'claimed', -1)
  return l[4]
end
`

// push: ARGV[2..] are triples (seen hash, host, request). The seen test,
// the IDs and the queue inserts are batched: a page's links are one
// SMISMEMBER, one SADD and one ZADD per host.
var pushScript = redis.NewScript(prelude + `
local hashes = {}
for i = 2, #ARGV, 3 do hashes[#hashes+1] = ARGV[i] end
local known = redis.call('SMISMEMBER', SEEN, unpack(hashes))
local id = int(redis.call('HGET', RUN, 'lastid'))
local fresh, byhost, order, dup = {}, {}, {}, {}
for k = 1, #hashes do
  local i = 2 + (k-1)*3
  if known[k] == 0 and not dup[ARGV[i]] then
    dup[ARGV[i]] = true
    fresh[#fresh+1] = ARGV[i]
    local h = ARGV[i+1]
    if not byhost[h] then byhost[h] = {}; order[#order+1] = h end
    id = id + 1
    local l = byhost[h]
    l[#l+1] = num(id)
    l[#l+1] = ARGV[i+2]
  end
end
local function chunked(cmd, key, list, step)
  for j = 1, #list, step do
    redis.call(cmd, key, unpack(list, j, math.min(j + step - 1, #list)))
  end
end
if #fresh > 0 then
  chunked('SADD', SEEN, fresh, 4000)
  redis.call('HSET', RUN, 'lastid', num(id))
  redis.call('HINCRBY', RUN, 'queued', #fresh)
end
local ph = perhost()
for _, h in ipairs(order) do
  addhost(h)
  chunked('ZADD', qk(h), byhost[h], 4000)
  fix(h, ph)
end
if redis.call('HGET', RUN, 'state') == 'running' then redis.call('HSET', RUN, 'seeded', '1') end
return #fresh
`)

// claim: ARGV now, n, perhost, delay, lease ttl (ms), worker. Returns
// {wake, id, request, id, request, …}; wake is 0 when no host can be
// claimed from.
var claimScript = redis.NewScript(prelude + `
local now, n, ph, delay, ttl, w = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
if perhost() ~= ph or not redis.call('HGET', RUN, 'perhost') then
  redis.call('HSET', RUN, 'perhost', ph)
  for _, h in ipairs(redis.call('SMEMBERS', HOSTS)) do fix(h, ph) end
end
local st = servertime()
for _, id in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', st, 'LIMIT', 0, 256)) do reap(id, ph) end
local out, got = {0}, 0
while got < n do
  local head = redis.call('ZRANGE', READY, 0, 0, 'WITHSCORES')
  if #head == 0 or tonumber(head[2]) > now then break end
  local h = head[1]
  local popped = redis.call('ZPOPMIN', qk(h))
  if #popped == 0 then
    redis.call('ZREM', READY, h)
  else
    local req, id = popped[1], popped[2]
    redis.call('HINCRBY', RUN, 'queued', -1)
    redis.call('HINCRBY', RUN, 'claimed', 1)
    local f = redis.call('HMGET', hk(h), 'next', 'delay')
    local nxt = math.max(int(f[1]), now + math.max(delay, int(f[2])))
    redis.call('HSET', hk(h), 'next', num(nxt))
    redis.call('HINCRBY', hk(h), 'inflight', 1)
    redis.call('HSET', lk(id), 'host', h, 'req', req, 'slot', '1', 'worker', w)
    redis.call('ZADD', LEASES, num(st + ttl), id)
    fix(h, ph)
    out[#out+1] = id
    out[#out+1] = req
    got = got + 1
  end
end
local head = redis.call('ZRANGE', READY, 0, 0, 'WITHSCORES')
if #head > 0 then out[1] = math.max(now, tonumber(head[2])) end
return out
`)

// release: ARGV host, lease id ("" if the caller holds none), next, worker.
var releaseScript = redis.NewScript(prelude + `
local h, id, nxt, w = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
if redis.call('SISMEMBER', HOSTS, h) == 0 then return 0 end
local mine = true
if id ~= '' then
  local l = redis.call('HMGET', lk(id), 'worker', 'slot', 'req')
  mine = l[1] == w and l[2] == '1'
  if mine then
    if l[3] and l[3] ~= '' then redis.call('HSET', lk(id), 'slot', '0')
    else redis.call('DEL', lk(id)); redis.call('ZREM', LEASES, id) end
  end
end
if mine then
  local inf = int(redis.call('HGET', hk(h), 'inflight'))
  if inf > 0 then inf = inf - 1; redis.call('HSET', hk(h), 'inflight', inf) end
  if inf > 0 then later(h, nxt) else redis.call('HSET', hk(h), 'next', num(nxt)) end
else
  -- the lease expired and was handed on: the fetch still happened
  later(h, nxt)
end
fix(h, perhost())
return 1
`)

// finish: ARGV op, id, worker, then per op: retry (request, at), redirect
// (request, host, seen hash).
var finishScript = redis.NewScript(prelude + `
local op, id, w = ARGV[2], ARGV[3], ARGV[4]
local h = unlease(id, w)
if not h then return 0 end
local ph = perhost()
if op == 'retry' then
  requeue(id, h, ARGV[5])
  local at = tonumber(ARGV[6])
  if at > 0 then later(h, at) end
  fix(h, ph)
elseif op == 'redirect' then
  redis.call('SADD', SEEN, ARGV[7])
  requeue(id, ARGV[6], ARGV[5])
  fix(ARGV[6], ph)
end
return 1
`)

// sethost: ARGV host, delay (µs), closed ("1"/"0").
var setHostScript = redis.NewScript(prelude + `
local h = ARGV[2]
addhost(h)
redis.call('HSET', hk(h), 'delay', ARGV[3], 'closed', ARGV[4])
fix(h, perhost())
return 1
`)

// hosts: ARGV now. Returns {active, waiting, ready}.
var hostsScript = redis.NewScript(prelude + `
local now = tonumber(ARGV[2])
local a, wt, r = 0, 0, 0
for _, h in ipairs(redis.call('SMEMBERS', HOSTS)) do
  local f = redis.call('HMGET', hk(h), 'next', 'inflight', 'closed')
  if int(f[2]) > 0 then a = a + 1
  elseif f[3] == '1' or redis.call('EXISTS', qk(h)) == 0 then
  elseif int(f[1]) > now then wt = wt + 1
  else r = r + 1 end
end
return {a, wt, r}
`)

// beginrun: ARGV fresh ("1"/"0"), shared ("1"/"0"). Returns 1 when the
// run resumes. A shared run keeps the leases of live workers (the dead
// ones' expire); otherwise this process was the only one, and every claim
// goes back to its queue.
var beginScript = redis.NewScript(prelude + `
if redis.call('HGET', RUN, 'state') == 'running' and ARGV[2] ~= '1' then
  local shared = ARGV[3] == '1'
  if not shared then
    for _, id in ipairs(redis.call('ZRANGE', LEASES, 0, -1)) do
      local l = redis.call('HMGET', lk(id), 'host', 'req')
      if l[1] and l[2] and l[2] ~= '' then requeue(id, l[1], l[2]) end
      redis.call('DEL', lk(id))
    end
    redis.call('DEL', LEASES)
    redis.call('HSET', RUN, 'claimed', 0)
  end
  redis.call('HSET', RUN, 'seeded', '1')
  local ph = perhost()
  for _, h in ipairs(redis.call('SMEMBERS', HOSTS)) do
    redis.call('HSET', hk(h), 'closed', '0', 'delay', 0)
    if not shared then redis.call('HSET', hk(h), 'inflight', 0) end
    fix(h, ph)
  end
  return 1
end
clearrun()
redis.call('UNLINK', P..'done:workers', P..'done:hosts')
redis.call('HSET', RUN, 'state', 'running', 'seeded', '0')
redis.call('HINCRBY', RUN, 'gen', 1)
return 0
`)

// endrun: ARGV state to leave ("ended", or "" to forget the run).
var endScript = redis.NewScript(prelude + `
clearrun()
if ARGV[2] ~= '' then redis.call('HSET', RUN, 'state', ARGV[2])
else redis.call('UNLINK', P..'done:workers', P..'done:hosts') end
return 1
`)

// renew: ARGV worker, ttl (ms), heartbeat ("1"/"0"), lease ids. Extends
// the worker's leases and records its heartbeat.
var renewScript = redis.NewScript(prelude + `
local w, ttl = ARGV[2], tonumber(ARGV[3])
local st = servertime()
if ARGV[4] == '1' then redis.call('ZADD', P..'workers', num(st), w) end
for i = 5, #ARGV do
  if redis.call('HGET', lk(ARGV[i]), 'worker') == w then
    redis.call('ZADD', LEASES, 'XX', num(st + ttl), ARGV[i])
  end
end
return 1
`)

// abandon: ARGV worker, lease ids. Gives the worker's leases back at once
// (a worker stopping cleanly).
var abandonScript = redis.NewScript(prelude + `
local w, ph = ARGV[2], perhost()
for i = 3, #ARGV do
  if redis.call('HGET', lk(ARGV[i]), 'worker') == w then reap(ARGV[i], ph) end
end
redis.call('ZREM', P..'workers', w)
return 1
`)
