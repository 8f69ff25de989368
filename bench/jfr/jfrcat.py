import sys,re,collections
# usage: jfr print --events jdk.ExecutionSample --stack-depth 96 f.jfr | python3 jfrcat.py
# Every sample of every thread in one category: the first rule (in this order) that a frame of its stack matches.

rules=[('h2 commit',r'JdbcConnection\.commit|TransactionCommand\.update'),
('merge (landing DML)',r'MergeUsing'),
('usage-log insert',r'UsageLog\.write'),
('h2 other DML/query',r'org\.h2\.command'),
('gate pass',r'gate\.Gate\.pass'),
('readRecords/json in',r'readRecords|Datasets\.read'),
('send agg',r'SessionSender\.send|GatePassage\.send'),
('landing other',r'LandingBatches'),
('gate other',r'QueueIngest'),
('artemis server',r'artemis\.core\.(server|journal|persistence|postoffice|paging|io)'),
('netty/amqp',r'netty|proton'),
('hazelcast',r'hazelcast'),
]
cur=None; rows=[]
for line in sys.stdin:
    s=line.strip()
    if s.startswith('jdk.ExecutionSample'):
        cur=[]; rows.append(cur)
    elif cur is not None and s and not s.startswith(('startTime','sampledThread','state','stackTrace',']','}','...')):
        cur.append(s)
c=collections.Counter()
for fr in rows:
    txt='\n'.join(fr)
    for name,rx in rules:
        if re.search(rx,txt): c[name]+=1; break
    else: c['other: '+(re.sub(r'\(.*','',fr[-1]) if fr else '?')]+=1
n=len(rows); print('samples',n)
for k,v in c.most_common(30): print(f'{100*v/n:5.1f}% {v:5d} {k}')
