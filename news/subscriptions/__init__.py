"""E-mail subscriptions: a visitor follows news, a phase or topic, the Mois de l'ESS agenda or new actors.

- `links`: the signed links an e-mail carries (confirm, manage, unsubscribe): a subscriber's number and key,
  signed, never the address;
- `subscribing`: the double opt-in, changing what one follows, unsubscribing;
- `digest`: what is new for one subscriber since the last digest, and the periodic sending;
- `mail`: every e-mail of a subscription, queued with `List-Unsubscribe` (RFC 8058 one-click);
- `forms`, `views`, `admin`, `retention`: the public pages, the moderators' counts, the purge.
"""
