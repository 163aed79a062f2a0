#!/usr/bin/env python3
"""Pages a campaign's OSDI signature listing with a partner key, as a partner's sync job would.

Standard library only. Usage:
    osdi_sync.py BASE_URL CAMPAIGN PARTNER_KEY ["modified_date gt '2026-12-04T18:23:59Z'"]

Prints one line per signature: its petitionfunctions identifier, the signer's email, the source and the
modified date, tab-separated; then a last line "total N".
"""
import json
import sys
import urllib.parse
import urllib.request


def fetch(url, key):
    request = urllib.request.Request(url, headers={"OSDI-API-Token": key, "Accept": "application/hal+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main(base_url, campaign, key, odata_filter=None):
    url = f"{base_url.rstrip('/')}/api/campaigns/{urllib.parse.quote(campaign)}/signatures?per_page=2"
    if odata_filter:
        url += "&filter=" + urllib.parse.quote(odata_filter)
    total = 0
    while url:
        page = fetch(url, key)
        for signature in page["_embedded"]["osdi:signatures"]:
            person = signature["_embedded"]["osdi:person"]
            ours = next(i for i in signature["identifiers"] if i.startswith("petitionfunctions:"))
            email = person["email_addresses"][0]["address"] if person["email_addresses"] else ""
            print("\t".join([ours, email, signature["referrer_data"].get("source") or "", signature["modified_date"]]))
            total += 1
        url = page["_links"].get("next", {}).get("href")
    print(f"total {total}")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
