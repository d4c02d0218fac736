# Varnish in front of the newsroom: keeps what the site says a shared cache may keep
# (`s-maxage`), labelled with its surrogate keys, and drops pages by key when the site
# purges (articles.purgers.Varnish). Needs the xkey module (Debian: varnish-modules).
# A template: newsroom/stack/varnish.py fills in each dollar-sign name.
vcl 4.1;

import xkey;

# HAProxy in the stack, or one app server.
backend default {
    .host = "$backend_host";
    .port = "$backend_port";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

# The addresses the app servers purge from; nobody else may.
acl purgers {
$purgers
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header: nothing to purge"));
        }
        # Hard: the next request is a miss, never the old page served while refetching.
        set req.http.purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.purged));
    }
    # The editors' workspace, and a partner's API requests with their token: never shared.
    if (req.url ~ "^/$admin_path" || req.http.Authorization) {
        return (pass);
    }
    # A logged-in editor reads fresh pages, and none of theirs is kept for readers; a
    # reader who has just written reads their own write (newsroom.routers).
    if (req.http.Cookie ~ "(^|;\s*)($session_cookie|$primary_cookie)=") {
        return (pass);
    }
    # A reader's other cookies change nothing the site renders for GET: dropped, so that
    # readers share one copy. (A POST keeps them: the CSRF check reads its cookie.)
    if (req.method == "GET" || req.method == "HEAD") {
        unset req.http.Cookie;
    }
}

sub vcl_backend_response {
    # Only what the site labels for a shared cache (public pages: s-maxage) and static
    # files are kept; anything else (search, previews, errors, the admin) passes, and
    # Varnish remembers for two minutes not to queue readers behind its fetches.
    if (beresp.http.Cache-Control !~ "s-maxage" && bereq.url !~ "^/static/") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The keys xkey indexes the page by: the site's Surrogate-Key.
    if (!beresp.http.xkey && beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Past its lifetime a page is served stale only as long as the site allows
    # (stale-while-revalidate, which Varnish reads as grace): not when a scheduled
    # publication or expiry ended it.
    if (beresp.http.Cache-Control !~ "stale-while-revalidate") {
        set beresp.grace = 0s;
    }
    # Varnish's built-in rules follow: never a response setting a cookie, nor a private one.
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Readers need no keys; Fastly and Cloudflare strip theirs too.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
