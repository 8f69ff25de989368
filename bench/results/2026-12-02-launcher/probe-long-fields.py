# Sends 5,000 characters in every string field of every JSON POST of the node's OpenAPI document
# (with a valid resource code, USCC, ID number or period where a field is named so) and prints the
# answers; STORE marks an answer the store gave (value-not-storable), not the request checks.
# Run against a throwaway node: python3 probe-long-fields.py (reads /tmp/openapi.json, from
# curl -s "http://127.0.0.1:8080/q/openapi?format=json" > /tmp/openapi.json). It files requests.
import json, urllib.request, re, sys
d=json.load(open('/tmp/openapi.json'))
comps=d.get('components',{}).get('schemas',{})
BASE='http://127.0.0.1:8080'
LONG='x'*5000
NAME=['']
def resolve(s, depth=0):
    if '$ref' in s: return resolve(comps[s['$ref'].split('/')[-1]], depth)
    return s
def build(s, depth=0):
    s=resolve(s)
    if depth>3: return None
    t=s.get('type')
    if 'enum' in s: return s['enum'][0]
    if t=='string':
        n=NAME[0].lower()
        if n in ('resource','code','resourcecode'): return 'GZ-SAMR-ENT-001'
        if n in ('provider','holder','organisation','uscc','to','requester','department','from'): return '11513300MB0000002H'
        if n in ('idnumber','citizenid'): return '513322198001010010'
        if n=='period': return '2026-11'
        if s.get('format') in ('date','date-time'): return '2026-12-01' if s.get('format')=='date' else '2026-12-01T00:00:00Z'
        return LONG
    if t=='integer' or t=='number': return 1
    if t=='boolean': return False
    if t=='array': 
        it=build(s.get('items',{}),depth+1)
        return [it] if it is not None else []
    if t=='object' or 'properties' in s:
        out={}
        for k,v in s.get('properties',{}).items():
            NAME[0]=k; out[k]=build(v,depth+1)
        return out
    return LONG
keys=['demo-admin','demo-system','demo-reviewer' ]
res=[]
for path,ops in d['paths'].items():
    for m,op in ops.items():
        if m not in ('post','put','patch') or 'retire' in path: continue
        rb=op.get('requestBody',{}).get('content',{})
        if 'application/json' not in rb: continue
        body=build(rb['application/json'].get('schema',{}))
        p=re.sub(r'\{[^}]+\}','GZ-SAMR-ENT-001',path)
        for k in keys:
            req=urllib.request.Request(BASE+p, data=json.dumps(body).encode(), method=m.upper(),
                headers={'Authorization':'Bearer '+k,'Content-Type':'application/json','Pdx-Person':'clerk','Pdx-Purpose':'probe'})
            try:
                r=urllib.request.urlopen(req, timeout=20); code=r.status; txt=r.read().decode()[:200]
            except urllib.error.HTTPError as e:
                code=e.code; txt=e.read().decode()[:200]
            except Exception as e:
                code='EXC'; txt=str(e)[:100]
            if code in (401,403): continue
            flag = 'STORE' if 'value-not-storable' in txt else ('5XX' if isinstance(code,int) and code>=500 else '')
            print(f"{flag:6} {code} {m.upper()} {path} [{k}] {txt[:150]}")
            break
