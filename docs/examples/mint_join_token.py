#!/usr/bin/env python3
# Mints a Talking Stick join token (a JWT, HS256) with Python's standard library alone.
# Usage: mint_join_token.py SECRET_FILE ROOM_ID ROLE NAME   (ROLE: moderator, participant, observer)
import base64, hashlib, hmac, json, sys, time, uuid
def b64(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
secret = open(sys.argv[1], "rb").read().rstrip(b"\r\n ")
room, role, name = sys.argv[2:5]
claims = {"room": room, "role": role, "name": name, "jti": str(uuid.uuid4()), "exp": int(time.time()) + 600}
signed = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
print(signed + "." + b64(hmac.new(secret, signed.encode(), hashlib.sha256).digest()))
