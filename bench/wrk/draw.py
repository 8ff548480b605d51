"""bench/record.sh's draw: as the bench office, plans random inspections of a matter the township holds over every target of the
district (50,000 in the generated province, 10 % drawn, complaints weighted 3, abnormal listings 2) and times
POST /api/random-plans/{id}/draw end to end, runs times after warmups with a new plan each (a plan is drawn once). Prints the median in ms;
each run's time goes to WORK/draw.txt."""
import json, statistics, sys, time, urllib.error, urllib.request

base, token, work = sys.argv[1], sys.argv[2], sys.argv[3]
# The matter and two officers who may act on it today, from the first recorded body (bench/record.sh's bodies.txt).
first = json.loads(open(work + "/bodies.txt", encoding="utf-8").read().splitlines()[1])
runs = 5
warmups = 2  # the first draws of a process also compile the draw's code paths

def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()}")

matter = first["matterId"]
inspectors = first["officerIds"] + [o["id"] for o in call("GET", "/api/officers?pageSize=100")["items"] if o["id"] not in first["officerIds"]]
times = []
with open(work + "/draw.txt", "w") as out:
    for run in range(warmups + runs):
        plan = call("POST", "/api/random-plans", {"name": f"压测抽查计划{run + 1}", "matterId": matter, "proportion": 0.1,
                                                   "complaintWeight": 3, "abnormalWeight": 2, "inspectorIds": inspectors})
        started = time.perf_counter()
        drawn = call("POST", f"/api/random-plans/{plan['plan']['id']}/draw")
        ms = (time.perf_counter() - started) * 1000
        if run >= warmups:
            times.append(ms)
        out.write(f"{'warm-up' if run < warmups else 'run'} {run + 1}: {ms:.0f} ms, {len(drawn['assignments'])} assignments\n")
print(f"{statistics.median(times):.0f}")
