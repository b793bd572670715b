/**
 * Rate limits that hold across instances: the creation buckets (per address and for the whole
 * service) and the per-address connection window live in Redis, so an address cannot multiply its
 * allowance by the number of instances behind the load balancer. Each check is one atomic script
 * run on Redis's own clock (instances' clocks may disagree).
 *
 * When Redis does not answer within a quarter of a second, or is down, the answer is `undefined`
 * and the caller falls back to its own instance's limiter: a slow bus must not stop creation or
 * connections, and each instance still limits what reaches it.
 */
import Redis from 'ioredis';
import type { BucketLimits, CreationLimits, CreationVerdict } from '../creation-limit.ts';
import { addressKey } from '../creation-limit.ts';

/** Both buckets refilled to Redis's now, then one token taken from both or from neither. */
const TAKE_CREATION = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function level(key, burst, perMin)
	local v = redis.call('HMGET', key, 't', 'l')
	local tokens = tonumber(v[1]) or burst
	local last = tonumber(v[2]) or now
	return math.min(burst, tokens + math.max(0, now - last) * perMin / 60000)
end
local function wait(tokens, perMin)
	if perMin <= 0 then return 3600 end
	return math.max(1, math.ceil((1 - tokens) / (perMin / 60000) / 1000))
end
local function keep(key, tokens, burst, perMin)
	redis.call('HSET', key, 't', tokens, 'l', now)
	local full = perMin > 0 and math.ceil(burst / perMin * 60000) or 3600000
	redis.call('PEXPIRE', key, full + 1000)
end
local aBurst, aRate = tonumber(ARGV[1]), tonumber(ARGV[2])
local sBurst, sRate = tonumber(ARGV[3]), tonumber(ARGV[4])
local a = level(KEYS[1], aBurst, aRate)
if a < 1 then return {1, wait(a, aRate)} end
local s = level(KEYS[2], sBurst, sRate)
if s < 1 then return {2, wait(s, sRate)} end
keep(KEYS[1], a - 1, aBurst, aRate)
keep(KEYS[2], s - 1, sBurst, sRate)
return {0, 0}
`;

/** One fixed one-minute window per address, counted on Redis's clock. */
const COUNT_CONNECTION = `
local t = redis.call('TIME')
local key = KEYS[1] .. ':' .. math.floor(tonumber(t[1]) / 60)
local n = redis.call('INCR', key)
if n == 1 then redis.call('EXPIRE', key, 120) end
return n
`;

/** Wrong guesses (of a workshop's join code) this minute, per address and in all; ARGV[1] '1' adds one. */
const COUNT_GUESSES = `
local t = redis.call('TIME')
local minute = ':' .. math.floor(tonumber(t[1]) / 60)
local counts = {}
for i, key in ipairs(KEYS) do
	local k = key .. minute
	if ARGV[1] == '1' then
		counts[i] = redis.call('INCR', k)
		if counts[i] == 1 then redis.call('EXPIRE', k, 120) end
	else
		counts[i] = tonumber(redis.call('GET', k)) or 0
	end
end
return counts
`;

export interface SharedLimits {
	/**
	 * Wrong join-code guesses this minute from `address` and from everyone, counting one more when
	 * `add`; undefined when Redis cannot say.
	 */
	wrongGuesses(
		address: string,
		add: boolean
	): Promise<{ address: number; all: number } | undefined>;
	/** The creation verdict for `address`; undefined when Redis cannot answer in time. */
	takeCreation(address: string | undefined): Promise<CreationVerdict | undefined>;
	/** Whether `address` may open one more connection this minute; undefined when Redis cannot say. */
	allowConnection(address: string): Promise<boolean | undefined>;
	close(): Promise<void>;
}

export interface SharedLimitsOptions {
	creation: CreationLimits;
	connectionsPerMinute: number;
	/** How long to wait for Redis before falling back (default 250 ms). */
	timeoutMs?: number;
	/** Key prefix, so several deployments may share one Redis. */
	prefix?: string;
}

export function openSharedLimits(url: string, options: SharedLimitsOptions): SharedLimits {
	const prefix = options.prefix ?? 'panorama:limit:';
	const redis = new Redis(url, {
		// A command waits at most `timeoutMs`, connected or not (queued while it connects); then
		// the local limiter answers.
		maxRetriesPerRequest: 0,
		commandTimeout: options.timeoutMs ?? 250,
		retryStrategy: (times) => Math.min(times * 100, 2_000),
		lazyConnect: false
	});
	// Errors are the fallback's business; unhandled they would end the process.
	redis.on('error', () => {});
	const args = (limits: BucketLimits) => [limits.burst, limits.perMinute];

	return {
		async takeCreation(address) {
			try {
				const [code, wait] = (await redis.eval(
					TAKE_CREATION,
					2,
					`${prefix}create:${addressKey(address)}`,
					`${prefix}create:service`,
					...args(options.creation.perAddress),
					...args(options.creation.instance)
				)) as [number, number];
				if (code === 0) return { ok: true };
				return {
					ok: false,
					scope: code === 1 ? 'address' : 'instance',
					retryAfterSeconds: wait
				};
			} catch {
				return undefined;
			}
		},
		async allowConnection(address) {
			try {
				const count = (await redis.eval(
					COUNT_CONNECTION,
					1,
					`${prefix}connect:${addressKey(address)}`
				)) as number;
				return count <= options.connectionsPerMinute;
			} catch {
				return undefined;
			}
		},
		async wrongGuesses(address, add) {
			try {
				const [mine, all] = (await redis.eval(
					COUNT_GUESSES,
					2,
					`${prefix}guess:${addressKey(address)}`,
					`${prefix}guess:service`,
					add ? '1' : '0'
				)) as [number, number];
				return { address: mine, all };
			} catch {
				return undefined;
			}
		},
		async close() {
			redis.disconnect();
		}
	};
}
