import sys, re, collections
# usage: jfr print --events jdk.ExecutionSample --stack-depth 96 f.jfr | python3 jfrsum.py [threadregex]
thr_re = re.compile(sys.argv[1]) if len(sys.argv) > 1 else None
samples = []
cur = None
for line in sys.stdin:
    s = line.strip()
    if s.startswith('jdk.ExecutionSample'):
        cur = {'thread': '', 'frames': []}
        samples.append(cur)
    elif cur is not None and s.startswith('sampledThread'):
        m = re.search(r'"([^"]*)"', s); cur['thread'] = m.group(1) if m else s
    elif cur is not None and s and not s.startswith(('startTime', 'state', 'stackTrace', ']', '}', '...')):
        cur['frames'].append(re.sub(r'\s+line:.*', '', s))
def tgroup(t):
    t = re.sub(r'\d+', 'N', t)
    return t
tot = len(samples)
bythr = collections.Counter(tgroup(x['thread']) for x in samples)
print('total samples', tot)
for t, n in bythr.most_common(25):
    print(f'{100*n/tot:6.1f}% {n:6d} {t}')
sel = [x for x in samples if thr_re is None or thr_re.search(x['thread'])]
n = len(sel)
print('\nselected', n)
selfc = collections.Counter(x['frames'][0] if x['frames'] else '?' for x in sel)
print('--- self top')
for f, c in selfc.most_common(40):
    print(f'{100*c/n:6.1f}% {f}')
incl = collections.Counter()
for x in sel:
    seen = set()
    for f in x['frames']:
        m = re.sub(r'\(.*', '', f)
        if m not in seen:
            seen.add(m); incl[m] += 1
print('--- inclusive top (org.pdxhub / selected libs)')
k = 0
for f, c in incl.most_common(2000):
    if re.search(r'org\.pdxhub|jackson\.databind\.ObjectMapper|ObjectReader\.|ObjectWriter\.|hanlp|hazelcast.*\.get|artemis.*(commit|send|receive)|camel.*(convert|Producer|Template)|org\.h2\.(command|jdbc)|bouncycastle|MessageDigest|Mac\.|logging|regex', f):
        print(f'{100*c/n:6.1f}% {f}')
        k += 1
        if k > 90: break
