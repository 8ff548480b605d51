"""bench/record.sh's draw: as the bench office, plans random inspections of a matter on the district's published list
(随机抽查事项清单, LAW 26: a plan's matter must be on it) over every target of the district (50,000 in the generated province,
10 % drawn, complaints weighted 3, abnormal listings 2) and times POST /api/random-plans/{id}/draw end to end, runs times after
warmups with a new plan each (a plan is drawn once). Prints the median in ms; each run's time goes to WORK/draw.txt.

The matter: the first of the recorded bodies' matters (each with two officers of the township who may act on it today) that the
list the API gives has published; else another published matter the office's officers can draw for; else, as the generated
province has no list, the office lists the bodies' matters and publishes them (said on stderr), as an office would, and the
first that every township of the district has two officers for is drawn."""
import json, statistics, sys, time, urllib.error, urllib.request

base, token, work = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(work + "/bodies.txt", encoding="utf-8").read().splitlines()[1:]
# Each recorded matter with the officers who may act on it today (from bench/record.sh's bodies.txt), in the bodies' order.
crews = {}
for line in lines:
    body = json.loads(line)
    crews.setdefault(body["matterId"], [])
    crews[body["matterId"]] += [o for o in body["officerIds"] if o not in crews[body["matterId"]]]
runs = 5
warmups = 2  # the first draws of a process also compile the draw's code paths


def request(method, path, body=None):
    """The answer's status and JSON body."""
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, {"detail": text}


def call(method, path, body=None):
    status, answer = request(method, path, body)
    if status >= 400:
        sys.exit(f"{method} {path}: {status} {json.dumps(answer, ensure_ascii=False)}")
    return answer


# Every officer of the district besides: a plan over all its townships needs two who may act in each (a department's officers
# act district-wide on its matters), and the draw itself chooses among those who may.
others, page = [], 1
while True:
    items = call("GET", f"/api/officers?pageSize=100&page={page}")["items"]
    others += [o["id"] for o in items]
    if len(items) < 100:
        break
    page += 1


def inspectors_for(matter):
    return crews.get(matter, []) + [o for o in others if o not in crews.get(matter, [])]


def plan_and_draw(matter, name):
    """Plans and draws once; (ms, assignments) or (None, the refusal)."""
    status, plan = request("POST", "/api/random-plans", {"name": name, "matterId": matter, "proportion": 0.1, "complaintWeight": 3,
                                                         "abnormalWeight": 2, "inspectorIds": inspectors_for(matter)})
    if status >= 400:
        return None, plan
    started = time.perf_counter()
    status, drawn = request("POST", f"/api/random-plans/{plan['plan']['id']}/draw")
    ms = (time.perf_counter() - started) * 1000
    return (ms, len(drawn["assignments"])) if status < 400 else (None, drawn)


published = [i["matterId"] for i in call("GET", "/api/inspection-items") if i.get("publishedOn")]
candidates = [m for m in crews if m in published] + [m for m in published if m not in crews]
matter, first = None, None
for candidate in candidates:
    ms, result = plan_and_draw(candidate, "压测抽查计划1")
    if ms is not None:
        matter, first = candidate, (ms, result)
        break
    print(f"draw: matter {candidate} of the published list refused: {result.get('code')} {result.get('detail', '')[:120]}", file=sys.stderr)
if matter is None:
    # No published matter could be drawn for (the generated province keeps no list): the office lists the bodies' matters and
    # publishes them, as an office would, and the first that every township of the district is staffed for is drawn.
    for candidate in crews:
        status, added = request("POST", "/api/inspection-items", {"matterId": candidate, "basis": "《中华人民共和国行政处罚法》第二十六条",
                                                                 "content": "压测：对登记的监管对象随机抽查"})
        if status >= 400 and added.get("code") != "InspectionItem.AlreadyListed":
            sys.exit(f"POST /api/inspection-items: {status} {json.dumps(added, ensure_ascii=False)}")
    status, answer = request("POST", "/api/inspection-items/publish")
    if status >= 400 and answer.get("code") != "InspectionItem.NothingToPublish":
        sys.exit(f"POST /api/inspection-items/publish: {status} {json.dumps(answer, ensure_ascii=False)}")
    print(f"draw: no published matter could be drawn for; listed and published the bodies' {len(crews)} matters", file=sys.stderr)
    for candidate in [m for m in crews if m not in candidates]:
        ms, result = plan_and_draw(candidate, "压测抽查计划1")
        if ms is not None:
            matter, first = candidate, (ms, result)
            break
    if matter is None:
        sys.exit(f"draw: none of the bodies' {len(crews)} matters can be drawn for over the whole district: {json.dumps(result, ensure_ascii=False)}")

times = []
with open(work + "/draw.txt", "w") as out:
    out.write(f"matter {matter}\n")
    for run in range(warmups + runs):
        if run == 0:
            ms, count = first
        else:
            ms, count = plan_and_draw(matter, f"压测抽查计划{run + 1}")
            if ms is None:
                sys.exit(f"draw {run + 1}: {json.dumps(count, ensure_ascii=False)}")
        if run >= warmups:
            times.append(ms)
        out.write(f"{'warm-up' if run < warmups else 'run'} {run + 1}: {ms:.0f} ms, {count} assignments\n")
print(f"{statistics.median(times):.0f}")
