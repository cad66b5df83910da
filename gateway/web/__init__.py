"""The web application: pages for councillors, the Proper Officer and IT, and the JSON API."""
