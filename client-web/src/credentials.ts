// Capability links carry their secret in the URL fragment (#code=…, #key=…, or #token=… from
// an organisation's portal), which the browser never sends to any server. The personal resume
// token stays on this device.

export interface LinkCredentials {
  joinCode?: string;
  moderatorKey?: string;
  joinToken?: string;
}

export function readFragment(hash: string): LinkCredentials {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const out: LinkCredentials = {};
  const code = params.get("code");
  const key = params.get("key");
  const token = params.get("token");
  if (code) out.joinCode = code;
  if (key) out.moderatorKey = key;
  if (token) out.joinToken = token;
  return out;
}

export interface RememberedPerson {
  resumeToken: string;
  displayName: string;
}

const personKey = (roomId: string) => `ts.person.${roomId}`;
const linksKey = (roomId: string) => `ts.links.${roomId}`;

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the person simply is not remembered
  }
}

export function rememberPerson(roomId: string, person: RememberedPerson): void {
  safeStorage()?.setItem(personKey(roomId), JSON.stringify(person));
}

function readJson<T>(key: string): T | null {
  const raw = safeStorage()?.getItem(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null; // written by something else, or damaged: as if absent
  }
}

export function recallPerson(roomId: string): RememberedPerson | null {
  const parsed = readJson<RememberedPerson>(personKey(roomId));
  return parsed && typeof parsed.resumeToken === "string" ? parsed : null;
}

export function forgetPerson(roomId: string): void {
  safeStorage()?.removeItem(personKey(roomId));
}

export interface RoomLinks {
  moderator: string;
  participant: string;
  projector: string;
}

export function rememberLinks(roomId: string, links: RoomLinks): void {
  safeStorage()?.setItem(linksKey(roomId), JSON.stringify(links));
}

export function recallLinks(roomId: string): RoomLinks | null {
  return readJson<RoomLinks>(linksKey(roomId));
}
