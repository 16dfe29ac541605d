// Capability links carry their secret in the URL fragment (#code=… or #key=…), which the
// browser never sends to any server. The personal resume token stays on this device.

export interface LinkCredentials {
  joinCode?: string;
  moderatorKey?: string;
}

export function readFragment(hash: string): LinkCredentials {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const out: LinkCredentials = {};
  const code = params.get("code");
  const key = params.get("key");
  if (code) out.joinCode = code;
  if (key) out.moderatorKey = key;
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

export function recallPerson(roomId: string): RememberedPerson | null {
  const raw = safeStorage()?.getItem(personKey(roomId));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as RememberedPerson;
    return typeof parsed.resumeToken === "string" ? parsed : null;
  } catch {
    return null;
  }
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
  const raw = safeStorage()?.getItem(linksKey(roomId));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as RoomLinks;
  } catch {
    return null;
  }
}
