"""Writing the site beside the pages: redirects of old ids, the Content-Security-Policy."""
