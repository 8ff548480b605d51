"""Issue 18's page budget: every console page < 300 ms p95 server time on the province data for a district user.

    python3 bench/pages.py BASE PASSWORD USER [USER ...]   (e.g. http://127.0.0.1:5183 Bench2026 bench.office <a township user>)

Signs in to the console as each user (the sign-in form, its anti-forgery token, the cookie), then walks the console from the
workbench as that user would: every link on a page that leads to another console page (same site, GET, not a download, an
export, the API or signing out), breadth first, pages named by their path with ids replaced by {id} (the first few records of
each kind are opened to find the pages behind them). Each page found is then asked RUNS times after WARMUPS, one at a time, and
its answer time taken on this machine (the server's time plus a loopback round trip: well under a millisecond). Prints p50, p95
and max per page and user, and the pages over the budget; writes the table to OUT (default /tmp/entrust-pages.txt).
Environment: RUNS (10), WARMUPS (2), MAX_PAGES (200 per user), OUT, and ALSO: paths asked besides those found, named as given (the
walk opens the first records of a list; ALSO names the largest, e.g. the training class with the longest roster)."""
import html, http.cookiejar, os, re, statistics, sys, time, urllib.parse, urllib.request

base, password, users = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3:]
RUNS, WARMUPS = int(os.environ.get("RUNS", 10)), int(os.environ.get("WARMUPS", 2))
MAX_PAGES, OUT = int(os.environ.get("MAX_PAGES", 200)), os.environ.get("OUT", "/tmp/entrust-pages.txt")
BUDGET_MS = 300
ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<=/)\d+(?=/|$)")
SKIP = re.compile(r"^/(api|css|js|lib|img|fonts|_|favicon|metrics|health|swagger|scalar|openapi)|/Account/(Logout|Login)|handler=|\.(xlsx|docx|pdf|csv|png|jpg|svg|ico)$|[?&](export|download)=", re.I)


def session(user):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/Account/Login").read().decode()
    token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page) or \
        re.search(r'type="hidden" name="__RequestVerificationToken" value="([^"]+)"', page) or \
        re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
    form = urllib.parse.urlencode({"Input.UserName": user, "Input.Password": password, "__RequestVerificationToken": token.group(1)})
    with opener.open(base + "/Account/Login", data=form.encode()) as answer:
        if "/Account/Login" in answer.geturl() or "/Account/TwoFactor" in answer.geturl():
            sys.exit(f"{user}: the console did not sign in (ended at {answer.geturl()})")
    return opener


def get(opener, path):
    """The answer's status, text (HTML only) and time in ms."""
    started = time.perf_counter()
    try:
        with opener.open(base + path) as answer:
            body, status, kind = answer.read(), answer.status, answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        body, status, kind = error.read(), error.code, ""
    ms = (time.perf_counter() - started) * 1000
    return status, body.decode(errors="replace") if "text/html" in kind else "", ms


def links(text):
    for href in re.findall(r'href="([^"#]+)"', text):
        href = html.unescape(href)
        if href.startswith("/") and not href.startswith("//") and not SKIP.search(href):
            # A page is its path (a list's other pages and orders are the same page); a record named in the query keeps it.
            yield href if re.search(r"[?&]id=", href) else href.split("?")[0]


def walk(opener):
    """The console's pages this user reaches: pattern -> the first concrete path found for it."""
    found, queue, opened = {}, ["/"], {}
    while queue and len(found) < MAX_PAGES:
        path = queue.pop(0)
        pattern = ID.sub("{id}", path)
        if pattern in found and path != found[pattern]:
            continue
        status, text, _ = get(opener, path)
        if status != 200 or not text:
            continue
        found.setdefault(pattern, path)
        for link in links(text):
            kind = ID.sub("{id}", link)
            opened[kind] = opened.get(kind, 0)
            if kind not in found and link not in queue and opened[kind] < 3:
                opened[kind] += 1
                queue.append(link)
    return found


rows, over = [], []
for user in users:
    opener = session(user)
    pages = walk(opener)
    pages.update({path: path for path in os.environ.get("ALSO", "").split()})
    print(f"== {user}: {len(pages)} pages", flush=True)
    for pattern, path in sorted(pages.items()):
        for _ in range(WARMUPS):
            get(opener, path)
        times = []
        for _ in range(RUNS):
            status, _, ms = get(opener, path)
            times.append(ms)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        line = f"{user:24} {pattern:60} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}  {status}"
        rows.append(line)
        print(line, flush=True)
        if p95 >= BUDGET_MS:
            over.append(line)

with open(OUT, "w", encoding="utf-8") as out:
    out.write(f"{'user':24} {'page':60} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  status\n")
    out.write("\n".join(rows) + "\n")
    out.write(f"\n{len(rows)} pages, {len(over)} at or over {BUDGET_MS} ms p95\n" + "\n".join(over) + "\n")
print(f"\n{len(rows)} pages, {len(over)} at or over {BUDGET_MS} ms p95 (table in {OUT})")
for line in over:
    print(line)
