"""The anchor for benchmarks/request.py: the least a Flask route served by gunicorn costs."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return {"hello": "world"}
