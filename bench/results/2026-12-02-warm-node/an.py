import datetime as dt
sent={}
for l in open('lat.txt'):
    p=l.split(); sent[p[0]]=(int(p[1]),int(p[2]))
def us(s):
    s=s.strip().replace('+00','')
    d=dt.datetime.strptime(s,'%Y-%m-%d %H:%M:%S.%f') if '.' in s else dt.datetime.strptime(s,'%Y-%m-%d %H:%M:%S')
    return int(d.replace(tzinfo=dt.timezone.utc).timestamp()*1e6)
rows=[]
for l in open('stages.txt'):
    p=[x.strip() for x in l.split('|')]
    if len(p)<3 or not p[0].startswith('j33-'): continue
    s0,s1=sent[p[0]]; g=us(p[1]); L=us(p[2])
    rows.append((s1-s0,g-s0,L-g,L-s0))
rows=rows[20:]
import statistics as st
for i,n in enumerate(['settle','sent->gate','gate->landed','sent->landed']):
    v=sorted(r[i]/1000 for r in rows); print(f"{n:14s} p50 {v[len(v)//2]:7.1f} ms  p90 {v[int(len(v)*.9)]:7.1f}  mean {st.mean(v):6.1f}")
