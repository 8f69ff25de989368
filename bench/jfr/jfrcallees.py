import sys, re, collections
# usage: callees.py THREADRE METHODSUBSTR < samples ; immediate callees of the method (inclusive)
thr=re.compile(sys.argv[1]); target=sys.argv[2]
samples=[]; cur=None
for line in sys.stdin:
    s=line.strip()
    if s.startswith('jdk.ExecutionSample'):
        cur={'thread':'','frames':[]}; samples.append(cur)
    elif cur is not None and s.startswith('sampledThread'):
        m=re.search(r'"([^"]*)"',s); cur['thread']=m.group(1) if m else s
    elif cur is not None and s and not s.startswith(('startTime','state','stackTrace',']','}','...')):
        cur['frames'].append(re.sub(r'\(.*','',re.sub(r'\s+line:.*','',s)))
sel=[x for x in samples if thr.search(x['thread'])]
n=len(sel); c=collections.Counter(); hit=0
for x in sel:
    f=x['frames']
    for i,fr in enumerate(f):
        if target in fr:
            hit+=1
            c[f[i-1] if i>0 else '(self)']+=1
            break
print(f'{target}: {hit} of {n} samples ({100*hit/max(n,1):.1f}%)')
for k,v in c.most_common(15): print(f'  {100*v/n:5.1f}% {k}')
