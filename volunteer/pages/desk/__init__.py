"""Pages of the desk: the branch secretary (支部书记), the street admin and the report issuers.

- orders.py   the inbox, one order with every triage action, the overdue board, the
              follow-ups (回访 → 重办), the street's queue of escalated orders, 代办
- similar.py  the likely duplicates beside an order (partial _similar.html), one-click merge
- context.py  what the order pages show besides the orders: holders, actions, the chooser
- forms.py    reading the desk's forms (renamed fields, the dispatch chooser)
- employers.py  the street admin adds the employers members named at the report-in
- roster.py   report-ins and members, yearly evaluations, the 8+N teams and auto-dispatch
- reports.py  the issuers' feedback reports: draft, regenerate, send
"""
