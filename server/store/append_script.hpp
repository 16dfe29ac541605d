#pragma once
// The Lua script that appends one job's entries to a room's stream, run by Redis itself so
// that order and duplicates are decided where the data is, atomically:
// - entry N is written only when the stream ends at N-1: an entry can never overtake an
//   earlier one that Redis refused (OOM, a wrong-type key…), even inside one pipeline;
// - an entry the stream already holds counts as written only if the stored entry is
//   byte-identical to this one (a retry after a lost reply); any difference is damage;
// - a writer whose epoch is older than the room's (room_leases: another node has taken the
//   room over since) writes nothing: it is fenced, which says nothing against the record.
// Replies: the number of entries newly written, or an error whose first word says why
// (TSGAP, TSDAMAGED, TSFENCED: this script's codes; otherwise Redis's own, such as OOM or
// NOSCRIPT).
#include <string_view>

namespace ts::store {

// KEYS[1] the room's log, KEYS[2] the set of rooms, KEYS[3] the room's private record,
// KEYS[4] the room's texts (a hash: seq -> a message's text), KEYS[5] the room's epoch (a
// number; none: 0);
// ARGV[1] the room id, ARGV[2] the writer's epoch, then per entry: seq, event bytes, private bytes ("" for none: the
// entry then has no p field), sealed bytes ("" for a public event; otherwise the whole
// private event, written to the private record under the same id, in the same call), the
// message's text ("" for none: stored in the texts under seq), and the seq whose text this
// entry deletes ("" for none).
inline constexpr std::string_view append_script = R"lua(
local key = KEYS[1]
local epoch = tonumber(redis.call('GET', KEYS[5]) or '0')
if tonumber(ARGV[2]) < epoch then return redis.error_reply('TSFENCED the room was taken over at epoch ' .. epoch) end
local top = 0
local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
if #last > 0 then
  local ms, n = string.match(last[1][1], '^(%d+)-(%d+)$')
  if ms ~= '0' then return redis.error_reply('TSDAMAGED the log ends with a foreign entry ' .. last[1][1]) end
  top = tonumber(n)
end
local written = 0
local function sealed_matches(id, sealed)
  local stored = redis.call('XRANGE', KEYS[3], id, id)
  if sealed == '' then return #stored == 0 end
  return #stored == 1 and #stored[1][2] == 2 and stored[1][2][1] == 's' and stored[1][2][2] == sealed
end
local function text_matches(seq, t)
  -- A text deleted since (its message was withdrawn) matches too: only a later entry can.
  local stored = redis.call('HGET', KEYS[4], seq)
  if t == '' then return not stored end
  return (not stored) or stored == t
end
for i = 3, #ARGV, 6 do
  local seq = tonumber(ARGV[i])
  local id = '0-' .. ARGV[i]
  if seq == top + 1 then
    if seq == 1 then redis.call('SADD', KEYS[2], ARGV[1]) end
    if ARGV[i + 3] ~= '' then
      if not sealed_matches(id, '') then return redis.error_reply('TSDAMAGED private entry ' .. id .. ' exists before its log entry') end
      redis.call('XADD', KEYS[3], id, 's', ARGV[i + 3])
    end
    if ARGV[i + 4] ~= '' then redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 4]) end
    if ARGV[i + 5] ~= '' then redis.call('HDEL', KEYS[4], ARGV[i + 5]) end
    local added
    if ARGV[i + 2] == '' then
      added = redis.pcall('XADD', key, id, 'e', ARGV[i + 1])
    else
      added = redis.pcall('XADD', key, id, 'e', ARGV[i + 1], 'p', ARGV[i + 2])
    end
    if type(added) == 'table' and added.err then
      -- The stream once held a later entry that is gone (its last id is past its end): the
      -- record contradicts the server's, said in this script's own words. Anything else
      -- (out of memory…) is Redis's own refusal, passed on as it is.
      local info = redis.call('XINFO', 'STREAM', key)
      for f = 1, #info, 2 do
        if info[f] == 'last-generated-id' and info[f + 1] ~= (top > 0 and '0-' .. top or '0-0') then
          return redis.error_reply('TSDAMAGED the log has held entries up to ' .. info[f + 1] .. ' but ends at 0-' .. top)
        end
      end
      return redis.error_reply(added.err)
    end
    top = seq
    written = written + 1
  elseif seq <= top then
    local stored = redis.call('XRANGE', key, id, id)
    if #stored == 0 then return redis.error_reply('TSDAMAGED entry ' .. id .. ' is missing below the end of the log') end
    local fields = stored[1][2]
    local e, p, extra = nil, '', false
    for f = 1, #fields, 2 do
      if fields[f] == 'e' then e = fields[f + 1]
      elseif fields[f] == 'p' then p = fields[f + 1]
      else extra = true end
    end
    if extra or e ~= ARGV[i + 1] or p ~= ARGV[i + 2] or not sealed_matches(id, ARGV[i + 3]) or not text_matches(ARGV[i], ARGV[i + 4]) then
      return redis.error_reply('TSDAMAGED entry ' .. id .. ' is stored with different contents')
    end
  else
    return redis.error_reply('TSGAP the log ends at ' .. top .. ', not at ' .. (seq - 1))
  end
end
return written
)lua";

}  // namespace ts::store
