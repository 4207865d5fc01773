#!/usr/bin/env python3
# Makes the TSIG known-answer vectors of TSIGKnownAnswerTests.swift with dnspython (PyPI `dnspython`,
# an independent implementation of RFC 8945): a signed UPDATE and its signed answer for each algorithm,
# at a fixed time, ID and key. Run: python3 -m venv /tmp/v && /tmp/v/bin/pip install dnspython &&
# /tmp/v/bin/python make-tsig-vectors.py
import time

import dns.message
import dns.tsig
import dns.tsigkeyring
import dns.update
import dns.version

SIGNED_AT = 1_700_000_000
KEY_NAME = "sidecert-key."
SECRET = "c2lkZWNlcnQtdGVzdC1zZWNyZXQtMzItYnl0ZXMhIQ=="  # base64 of "sidecert-test-secret-32-bytes!!"
time.time = lambda: float(SIGNED_AT)  # dnspython signs at time.time(); pin it

print(f"// dnspython {dns.version.version}, key {KEY_NAME} secret {SECRET}, time signed {SIGNED_AT}, fudge 300")
for algorithm in ["hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha1"]:
    keyring = dns.tsigkeyring.from_text({KEY_NAME: (algorithm, SECRET)})
    update = dns.update.UpdateMessage("example.test.", id=0x1234)
    update.add("_acme-challenge.www", 60, "TXT", '"kat-value"')
    update.use_tsig(keyring, keyname=KEY_NAME, fudge=300)
    request = update.to_wire()
    response = dns.message.make_response(update)
    answer = response.to_wire()
    print(f'("{algorithm}", request: "{request.hex()}", requestMAC: "{update.mac.hex()}", response: "{answer.hex()}"),')
