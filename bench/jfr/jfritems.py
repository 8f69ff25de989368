import sys, re, collections
# usage: jfr print --events jdk.ExecutionSample --stack-depth 96 f.jfr | python3 jfritems.py
# share of the gate consumer threads (pdx-in-*) samples with each item anywhere on the stack (inclusive)
items = {
 'IngestIdempotency.firstPassage': r'IngestIdempotency\.firstPassage',
 'IngestIdempotency$Batch.lookUp (getAll)': r'IngestIdempotency\$Batch\.lookUp',
 'Catalog.publishedSpec': r'Catalog\.publishedSpec',
 'QueueIngest$Reader.toExchange (Camel exchange)': r'QueueIngest\$Reader\.toExchange',
 'QueueIngest$Reader.read (properties, body)': r'QueueIngest\$Reader\.read\(',
 'ObjectMapper.readerFor': r'ObjectMapper\.readerFor',
 'QueueMessages.readRecords': r'QueueMessages\.readRecords',
 'UsageLog$Run.commit': r'UsageLog\$Run\.commit',
 '  of which JdbcConnection.commit': r'JdbcConnection\.commit',
 'Gate.pass': r'gate\.Gate\.pass\(',
 'SessionSender.send': r'SessionSender\.send',
 'GatePassage.onward': r'GatePassage\.onward',
 'Session commit (broker)': r'ActiveMQSession\.commit',
}
samples=[]; cur=None
for line in sys.stdin:
    s=line.strip()
    if s.startswith('jdk.ExecutionSample'):
        cur={'t':'','f':[]}; samples.append(cur)
    elif cur is not None and s.startswith('sampledThread'):
        m=re.search(r'"([^"]*)"',s); cur['t']=m.group(1) if m else s
    elif cur is not None and s and not s.startswith(('startTime','state','stackTrace',']','}','...')):
        cur['f'].append(s)
sel=[x for x in samples if x['t'].startswith('pdx-in-')]
n=len(sel); print('gate thread samples', n, 'of', len(samples))
for name, rx in items.items():
    r=re.compile(rx)
    c=sum(1 for x in sel if any(r.search(f) for f in x['f']))
    print(f'{100*c/n:5.1f}% {c:5d} {name}')
