#!/usr/bin/env python3
"""The web application in a real browser (Debian's chromium and chromium-driver, through
selenium): sign in, search with and without accents, open a record and click an item to see
its passage highlighted, upload a document and find it once the watcher took it, browse by
year, close a commitment with a note as a reviewer (and see it in relatoria commitments), review a
record (correct a date and a decision, make a decision from selected text, "save and next", see
the correction in search and in `relatoria show`), sign out and be refused. Screenshots of the
record page (wide and at phone width), of the review page and of the commitments page (English)
go to docs/screenshots/.

Usage: scripts/browser-test.py [--bin .build/debug/relatoria] [--screenshots docs/screenshots]
Exit status 0 when every check passed; each check is printed as it runs.
"""
import argparse, json, os, pathlib, signal, socket, subprocess, sys, tempfile, time, urllib.error, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parent.parent

DOCS = {
    "acta-enlace.txt": """Acta de la reunión de la Comisión de Enlace

Fecha: 8 de febrero de 2006
Lugar: Bogotá

ASISTENTES

- Ingrid Sjöberg, Embajada de Suecia
- Germán Ospina Lara, Acción Social

DESARROLLO

La Embajada de Suecia presentó el informe anual de cooperación. Se discutió la situación de
las comunidades desplazadas en Nariño y el calendario de visitas al terreno.

ACUERDOS

1. Aprobar la agenda de las reuniones del primer semestre.
2. Revisar el informe sobre desplazamiento forzoso en Nariño.

COMPROMISOS

- Acción Social enviará el informe revisado antes del 15 de marzo de 2006.
""",
    "acta-bosques.txt": """Acta de la Mesa de Bosques

Fecha: 3 de marzo de 2007
Lugar: Leticia

ASISTENTES

- Hanna Lindgren, Embajada de Suecia

ACUERDOS

1. Publicar el informe de deforestación y sus anexos.
""",
}

UPLOAD = """Acta de la Mesa de Agua

Fecha: 4 de abril de 2008
Lugar: Quibdó

ACUERDOS

1. Instalar pluviómetros en las cuencas del Atrato.
"""

checks = 0


def check(what, ok):
    global checks
    checks += 1
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        raise SystemExit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def navigate(driver, wait, act, condition):
    """Does `act` (a click or a submit that loads a page) and waits until the old page is gone
    and `condition` holds on the new one. Waiting for an element alone can be satisfied by the
    page being left (an element of the same id), and the next lookup then meets a page still
    loading."""
    old = driver.find_element(By.TAG_NAME, "html")
    act()
    wait.until(EC.staleness_of(old))
    return wait.until(condition)


def review(driver, wait, base, args, config, archive):
    """The review queue and edit mode: a date and a decision corrected, a decision made from
    selected text, "save and next"; the correction in search and in `relatoria show`."""
    driver.get(base + "/review")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")
    check("the review queue lists the three records", len(rows) == 3)
    row = next(r for r in rows if "Comisión de Enlace" in r.text)
    navigate(driver, wait, row.find_element(By.CSS_SELECTOR, "a.review-open").click,
             EC.presence_of_element_located((By.ID, "f-date")))
    record_id = driver.current_url.rstrip("/").split("/")[-2]
    unlabelled = driver.execute_script(
        "return Array.from(document.querySelectorAll('.edit-form input:not([type=hidden]), .edit-form textarea, .edit-form select'))"
        ".filter(function (e) { return !e.closest('label') && !e.getAttribute('aria-label'); }).length;")
    check("every field of the review page has its label", unlabelled == 0)
    driver.execute_script("document.getElementById('f-date').focus()")
    focused = driver.switch_to.active_element.get_attribute("id")
    check("the review page's fields take the keyboard focus", focused == "f-date")
    driver.execute_script("document.getElementById('f-date').value = '2006-02-09'")
    decision = driver.find_elements(By.CSS_SELECTOR, 'fieldset[data-field="decisions"] .edit-item textarea.main')[1]
    decision.clear()
    decision.send_keys("Revisar el informe sobre reasentamiento en Nariño.")
    # Select a passage of the document and make it a decision.
    passage = "calendario de visitas al terreno"
    driver.execute_script(
        "var t = document.getElementById('text'), w = document.createTreeWalker(t, NodeFilter.SHOW_TEXT), n;"
        "while ((n = w.nextNode())) { var i = n.data.indexOf(arguments[0]);"
        "  if (i >= 0) { var r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + arguments[0].length);"
        "    var s = window.getSelection(); s.removeAllRanges(); s.addRange(r); break; } }", passage)
    driver.find_element(By.CSS_SELECTOR, '.make-item[data-field="decisions"]').click()
    items = driver.find_elements(By.CSS_SELECTOR, 'fieldset[data-field="decisions"] .edit-item')
    check("a decision is made from the selected text", len(items) == 3 and items[2].find_element(By.CSS_SELECTOR, "textarea.main").get_attribute("value") == passage)
    check("and the page says so, in Spanish", "pasaje seleccionado" in driver.find_element(By.ID, "edit-status").text)
    shots = pathlib.Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(shots / "review.png"))
    driver.set_window_size(390, 844)
    time.sleep(0.3)
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    check("at phone width the review page is no wider than the screen", overflow <= 0)
    driver.set_window_size(1280, 1300)
    driver.find_element(By.ID, "save-next").click()
    wait.until(lambda d: "/records/" in d.current_url and record_id not in d.current_url or "/review" in d.current_url and "/edit" not in d.current_url)
    check("save and next goes to the next record in the queue", record_id not in driver.current_url)
    driver.get(base + "/search?q=reasentamiento")
    hits = driver.find_elements(By.CSS_SELECTOR, "a.hit-title")
    check("the corrected decision is found by search", len(hits) == 1 and record_id in hits[0].get_attribute("href"))
    driver.get(base + "/search?q=enlace&from=2006-02-09&to=2006-02-09")
    check("and the corrected date too", len(driver.find_elements(By.CSS_SELECTOR, "a.hit-title")) == 1)
    driver.get(base + "/records/" + record_id)
    check("the record page says who reviewed it", "rita" in driver.find_element(By.CSS_SELECTOR, ".fields").text)
    shown = run([args.bin, "show", record_id, "--archive", str(archive), "--config", config]).stdout
    check("relatoria show prints the corrected date and decision", "2006-02-09" in shown and "reasentamiento" in shown)
    record = json.loads(run([args.bin, "show", "--json", record_id, "--archive", str(archive), "--config", config]).stdout)
    made = [d for d in record["decisions"] if d["text"] == passage]
    check("the decision made from the selection is anchored at its passage",
          len(made) == 1 and record["text"][made[0]["anchor"]["start"]:made[0]["anchor"]["end"]] == passage)
    extracted = run([args.bin, "show", "--extracted", record_id, "--archive", str(archive), "--config", config]).stdout
    check("relatoria show --extracted still prints the record as extracted", "2006-02-08" in extracted and "reasentamiento" not in extracted)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / ".build/debug/relatoria"))
    ap.add_argument("--screenshots", default=str(ROOT / "docs/screenshots"))
    args = ap.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="relatoria-browser-"))
    source, inbox, archive = work / "source", work / "inbox", work / "archive"
    source.mkdir()
    for name, text in DOCS.items():
        (source / name).write_text(text, encoding="utf-8")
    config = str(ROOT / "config")
    run([args.bin, "ingest", str(source), "--archive", str(archive), "--config", config])
    run([args.bin, "user", "add", "rita", "--role", "reviewer", "--password-stdin", "--archive", str(archive)],
        input="a long password\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([args.bin, "serve", "--config", config, "--inbox", str(inbox), "--archive", str(archive), "--port", str(port)],
                              stdout=open(work / "serve.log", "w"), stderr=subprocess.STDOUT)
    driver = None
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/login", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        check("relatoria serve answers on " + base, True)
        opts = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1300", "--lang=es"]:
            opts.add_argument(a)
        opts.add_experimental_option("prefs", {"intl.accept_languages": "es-CO,es"})
        opts.binary_location = "/usr/bin/chromium"
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        wait = WebDriverWait(driver, 15)

        driver.get(base + "/search?q=informe")
        check("a page without a session sends to the login", "/login" in driver.current_url)
        driver.find_element(By.ID, "user").send_keys("rita")
        driver.find_element(By.ID, "password").send_keys("a long password")
        navigate(driver, wait, driver.find_element(By.CSS_SELECTOR, ".login button").click,
                 EC.presence_of_element_located((By.ID, "results-title")))
        check("signed in, back at the search asked for", "q=informe" in driver.current_url)
        check("the search found both records", "2 actas" in driver.find_element(By.ID, "results-title").text)

        for query in ["reunion", "reunión", "REUNIÓN"]:
            box = driver.find_element(By.ID, "q")
            box.clear()
            box.send_keys(query)
            navigate(driver, wait, box.submit, EC.presence_of_element_located((By.ID, "results-title")))
            title = driver.find_element(By.ID, "results-title").text
            check(f"search {query!r} finds the one meeting", title.startswith("1 acta"))
            check(f"search {query!r} highlights the match", len(driver.find_elements(By.CSS_SELECTOR, ".snippet mark")) > 0)

        navigate(driver, wait, driver.find_element(By.CSS_SELECTOR, "a.hit-title").click,
                 EC.presence_of_element_located((By.ID, "text")))
        check("the record page shows the meeting", "Comisión de Enlace" in driver.find_element(By.TAG_NAME, "h1").text)
        items = driver.find_elements(By.CSS_SELECTOR, ".item-list.decisions a.item")
        check("its decisions are listed, anchored", len(items) == 2)
        items[1].click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#text mark.active")))
        active = driver.find_elements(By.CSS_SELECTOR, "#text mark.active")
        check("clicking a decision highlights its passage", any("desplazamiento forzoso" in m.text for m in active))
        visible = driver.execute_script(
            "var t=document.getElementById('text').getBoundingClientRect(),"
            "m=document.querySelector('#text mark.active').getBoundingClientRect();"
            "return m.top>=t.top-1 && m.bottom<=t.bottom+1;")
        check("and scrolls the text to it", visible)
        check("the decision itself is marked", "active" in driver.find_element(By.ID, "i-decision-2").get_attribute("class"))
        shots = pathlib.Path(args.screenshots)
        shots.mkdir(parents=True, exist_ok=True)
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(shots / "record.png"))
        driver.set_window_size(390, 844)
        time.sleep(0.3)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check("at phone width nothing is wider than the screen", overflow <= 0)
        driver.find_elements(By.CSS_SELECTOR, ".item-list.actions a.item")[0].click()
        time.sleep(0.3)
        on_screen = driver.execute_script(
            "var m=document.querySelector('#text mark.active').getBoundingClientRect();"
            "return m.top>=0 && m.bottom<=window.innerHeight;")
        check("at phone width a commitment's passage is scrolled into view", on_screen)
        driver.save_screenshot(str(shots / "record-phone.png"))
        driver.set_window_size(1280, 1300)

        driver.get(base + "/intake")
        upload = work / "acta-agua.txt"
        upload.write_text(UPLOAD, encoding="utf-8")
        driver.find_element(By.ID, "file").send_keys(str(upload))
        navigate(driver, wait, driver.find_element(By.CSS_SELECTOR, ".upload button").click,
                 EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
        check("the upload is placed in the inbox", "acta-agua.txt" in driver.find_element(By.CSS_SELECTOR, ".notice").text)
        found = False
        for _ in range(60):
            driver.get(base + "/search?q=pluviometros")
            if driver.find_elements(By.CSS_SELECTOR, "a.hit-title"):
                found = True
                break
            time.sleep(0.5)
        check("the watcher archived it and it is searchable", found)

        review(driver, wait, base, args, config, archive)

        driver.get(base + "/search?q=acta")
        navigate(driver, wait, driver.find_element(By.LINK_TEXT, "English").click,
                 EC.text_to_be_present_in_element((By.ID, "results-title"), "records"))
        check("English, when chosen, is kept", "3 records" in driver.find_element(By.ID, "results-title").text)

        navigate(driver, wait, driver.find_element(By.LINK_TEXT, "Browse").click,
                 EC.presence_of_element_located((By.ID, "by-year")))
        years = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "ul.years a")]
        check("browse lists the years newest first", years[:3] == ["2008", "2007", "2006"])
        navigate(driver, wait, driver.find_element(By.LINK_TEXT, "2006").click,
                 EC.presence_of_element_located((By.ID, "results-title")))
        check("a year of browse is its search", driver.find_element(By.ID, "results-title").text.startswith("1 record"))

        navigate(driver, wait, driver.find_element(By.LINK_TEXT, "Commitments").click,
                 EC.presence_of_element_located((By.CSS_SELECTOR, "li.commitment")))
        check("the commitments register shows the overdue commitment",
              "Overdue" in driver.find_element(By.CSS_SELECTOR, "li.commitment .badge").text)
        driver.find_element(By.CSS_SELECTOR, "li.commitment input[name=note]").send_keys("Sent by post on 2 March")
        navigate(driver, wait, driver.find_element(By.CSS_SELECTOR, "li.commitment form.status-change button").click,
                 EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
        item = driver.find_element(By.CSS_SELECTOR, "li.commitment")
        check("a reviewer closes it with a note", "Done" in item.find_element(By.CSS_SELECTOR, ".badge").text
              and "Sent by post on 2 March" in item.text and "rita" in item.text)
        shots.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(shots / "commitments.png"))
        driver.set_window_size(390, 844)
        time.sleep(0.3)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check("at phone width the commitments page fits the screen", overflow <= 0)
        driver.set_window_size(1280, 1300)
        listed = run([args.bin, "commitments", "list", "--status", "done", "--archive", str(archive), "--config", config]).stdout
        check("relatoria commitments lists it done", "DONE" in listed and "Sent by post on 2 March" in listed)

        navigate(driver, wait, driver.find_element(By.CSS_SELECTOR, ".logout button").click,
                 EC.url_contains("/login"))
        driver.get(base + "/search?q=acta")
        check("signed out, the search is refused", "/login" in driver.current_url)
        try:
            urllib.request.urlopen(base + "/api/v1/search?q=acta", timeout=5)
            refused = False
        except urllib.error.HTTPError as e:
            refused = e.code == 401 and json.load(e)["error"]["code"] == "unauthenticated"
        check("the API refuses a call without a session", refused)
    finally:
        if driver:
            driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            code = None
    check("relatoria serve stops on SIGTERM with status 0", code == 0)
    print(f"{checks} checks passed; screenshots in {args.screenshots}")


if __name__ == "__main__":
    main()
