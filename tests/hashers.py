"""A password hasher for tests: the production algorithm with few iterations.

Hashing with Django's 1,000,000 PBKDF2 iterations takes 0.4 s on this machine, and
most tests make two users: the suite spent minutes hashing. The hashes this makes
are still "pbkdf2_sha256", which reads its iterations from the hash, so a server a
test starts with production settings verifies them (and upgrades one at log-in)."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1000
