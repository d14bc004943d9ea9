"""Server-rendered pages, one package per role (resident, member, desk, employer, admin) beside
the shared modules (forms, actions, paging, navigation, …); they call the API's services and
schemas."""

from importlib import import_module

from flask import Flask

PAGE_MODULES = (
    "home",  # the start page and each user's tiles
    "session",  # login, logout, language, elder-friendly mode
    "notifications",  # everyone's notifications: the list, mark read (the bell is in base.html)
    "dashboard",  # statistics for the desk, and the public 公示 page
    "resident",  # register, post, my requests, rate, reopen, cancel
    "member",  # report in, teams, the pool, claim, complete, service record
    "desk.orders",  # the secretary's inbox, dispatch, 代办, overdue, follow-ups; street queue
    "desk.employers",  # the street admin adds the employers members named at the report-in
    "desk.roster",  # the secretary's members (confirm, evaluations) and teams (N teams, mapping)
    "desk.similar",  # likely duplicates on the desk's order page (one-click merge)
    "desk.accounts",  # reset codes for residents' forgotten passwords
    "desk.grids",  # the grids (网格) and their grid workers (网格员)
    "volunteer",  # apply as a resident volunteer; 我的爱心银行 and the love shop
    "desk.love_bank",  # volunteers to confirm, the love shop's desk, the ledger, pairings
    "employer",  # the employer contact's reports
    "desk.reports",  # the issuers' feedback reports: draft, regenerate, send
    "admin",  # streets, communities, employers, role grants
    "satisfaction",  # the index panels (dashboard, 公示) and the public pledges (评诺)
    "desk.satisfaction",  # the street's samples, reviews, index and yearly assessment
    "surveyor",  # the surveyor's call-backs (回访员), phone-sized
    "grid",  # the grid worker's grid (网格员): 代办 and 首问负责, phone-sized
    "desk.activities",  # activities: post, QR check-in, roll call, close; opinion requests
    "scan",  # the address a check-in QR encodes: the member's phone checks in or out
    "verify",  # the public verification of certificates (志愿服务证明)
)


def register_pages(app: Flask) -> None:
    for name in PAGE_MODULES:
        app.register_blueprint(import_module(f"volunteer.pages.{name}").bp)
