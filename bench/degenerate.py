"""The degenerate-data corpus at scale (issue 26; run by bench/degenerate.sh): transaction files of
`n` customers shaped so that the models' likelihoods are flat or run off to a limit.

    python3 bench/degenerate.py OUT_DIR [customers=100000]

Writes one CSV per case (customer_id,date,amount), the same bytes on every run (seeded):
  poisson       everyone buys as one Poisson process (a purchase every 21 days), nobody drops out
  one_time      every customer buys once
  one_day       every purchase on 2024-03-01, two a customer
  same_spend    Poisson purchases, every order 25.00
  huge_spend    Poisson purchases of 10^9 and more
  one_customer  a single customer with a purchase every day of 2024
"""
import datetime
import os
import random
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
os.makedirs(out, exist_ok=True)
start = datetime.date(2024, 1, 1)


def poisson(rng, spend):
    for c in range(n):
        day = rng.randrange(0, 120)
        k = 0
        while day < 366:
            yield f"K{c:06d}", start + datetime.timedelta(days=day), spend(rng, c, k)
            day += max(1, int(rng.expovariate(1 / 21)))
            k += 1


def write(name, rows):
    with open(os.path.join(out, f"{name}.csv"), "w", encoding="utf-8") as f:
        f.write("customer_id,date,amount\n")
        for cust, date, amount in rows:
            f.write(f"{cust},{date.isoformat()},{amount:.2f}\n")


rng = random.Random(26)
write("poisson", poisson(rng, lambda r, c, k: 42 + 16 * r.random()))
write("one_time", ((f"K{c:06d}", start + datetime.timedelta(days=c % 366), 10 + c % 90) for c in range(n)))
write("one_day", ((f"K{c // 2:06d}", datetime.date(2024, 3, 1), 5 + c % 50) for c in range(2 * n)))
write("same_spend", poisson(rng, lambda r, c, k: 25.0))
write("huge_spend", poisson(rng, lambda r, c, k: 1e9 * (1 + c % 7) * (0.8 + 0.4 * r.random())))
write("one_customer", (("K000001", start + datetime.timedelta(days=d), 12.5) for d in range(366)))
