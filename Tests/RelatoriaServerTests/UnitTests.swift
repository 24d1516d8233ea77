import Foundation
import Mustache
import RelatoriaCore
import RelatoriaKit
@testable import RelatoriaServer
import RelatoriaTestSupport
import Testing

/// The parts of the web application that need no HTTP: accounts, sessions, the highlighter,
/// multipart bodies, the inbox drop, languages, settings.
struct UnitTests {
    @Test func usersAreStoredHashedAndCheckedIgnoringCase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = UserStore(archive: dir.url, cost: 4)
        try store.add(name: "Ana", role: .admin, password: "correct horse")
        let text = try String(contentsOf: store.url, encoding: .utf8)
        #expect(!text.contains("correct horse") && text.contains("$2b$04$"))
        let mode = (try FileManager.default.attributesOfItem(atPath: store.url.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        #expect(store.authenticate(name: "ana", password: "correct horse")?.role == .admin)
        #expect(store.authenticate(name: "Ana", password: "wrong horse") == nil)
        #expect(store.authenticate(name: "nobody", password: "correct horse") == nil)
        #expect(throws: UserStore.Problem.self) { try store.add(name: "ANA", role: .reader, password: "whatever-1") }
        #expect(throws: UserStore.Problem.self) { try store.add(name: "bo b", role: .reader, password: "whatever-1") }
        #expect(throws: UserStore.Problem.self) { try store.add(name: "bob", role: .reader, password: "short") }
        // A second store (another process) sees the change at once.
        try UserStore(archive: dir.url, cost: 4).add(name: "bob", role: .reader, password: "whatever-1")
        #expect(try store.users().map(\.name) == ["Ana", "bob"])
    }

    @Test func theLastAdminStaysWhileOthersRemain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = UserStore(archive: dir.url, cost: 4)
        try store.add(name: "ana", role: .admin, password: "password-1")
        try store.add(name: "leo", role: .reader, password: "password-2")
        #expect { try store.remove(name: "ana") } throws: { ($0 as? UserStore.Problem)?.kind == .lastAdmin }
        #expect { try store.remove(name: "zoe") } throws: { ($0 as? UserStore.Problem)?.kind == .unknown }
        try store.remove(name: "leo")
        try store.remove(name: "ana")
        #expect(try store.users().isEmpty)
    }

    @Test func aBrokenUsersFileIsAnErrorNotAnEmptyList() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("{ not json".utf8).write(to: dir.url.appendingPathComponent("users.json"))
        let store = UserStore(archive: dir.url, cost: 4)
        #expect { try store.users() } throws: { ($0 as? UserStore.Problem)?.kind == .unreadable }
        // And a change does not overwrite it.
        #expect(throws: UserStore.Problem.self) { try store.add(name: "ana", role: .admin, password: "password-1") }
        #expect(try String(contentsOf: store.url, encoding: .utf8) == "{ not json")
    }

    @Test func sessionsExpireAfterInactivityAndEndOnClose() throws {
        let user = User(name: "ana", role: .admin, hash: "x", created: "", passwordChanged: nil)
        let store = SessionStore(timeout: 60)
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let s = store.open(user: user, now: t0)
        #expect(s.id != s.csrf && s.id.count == 64)
        #expect(store.touch(s.id, now: t0.addingTimeInterval(50)) != nil)
        #expect(store.touch(s.id, now: t0.addingTimeInterval(100)) != nil)  // 50 s after the last request
        #expect(store.touch(s.id, now: t0.addingTimeInterval(161)) == nil)
        let s2 = store.open(user: user, now: t0)
        store.close(s2.id)
        #expect(store.touch(s2.id, now: t0) == nil)
    }

    @Test func theThrottleCountsPerNameAndPerAddress() {
        let t = LoginThrottle(limit: 2, addressLimit: 3, window: 60)
        let now = Date(timeIntervalSince1970: 1_000_000)
        t.failed(name: "ana", address: "10.0.0.1", now: now)
        t.failed(name: "ANA", address: "10.0.0.2", now: now)
        #expect(t.wait(name: "ana", address: "10.0.0.3", now: now) != nil)
        #expect(t.wait(name: "ana", address: nil, now: now.addingTimeInterval(61)) == nil)
        t.failed(name: "x", address: "10.0.0.9", now: now)
        t.failed(name: "y", address: "10.0.0.9", now: now)
        t.failed(name: "z", address: "10.0.0.9", now: now)
        #expect(t.wait(name: "w", address: "10.0.0.9", now: now) != nil)
        #expect(t.wait(name: "w", address: "10.0.0.8", now: now) == nil)
    }

    @Test func theHighlighterMarksOverlappingAnchorsAndDropsBadOnes() {
        let text = "Se acordó <publicar> el informe."
        let items = [
            TextHighlighter.Item(key: "decision-1", anchor: Anchor(start: 3, end: 31)),
            TextHighlighter.Item(key: "action-1", anchor: Anchor(start: 10, end: 20)),
            TextHighlighter.Item(key: "action-2", anchor: Anchor(start: 20, end: 99)),  // past the end
            TextHighlighter.Item(key: "action-3", anchor: Anchor(start: 5, end: 5)),  // empty
        ]
        let html = TextHighlighter.html(text, items: items)
        #expect(html == "Se <span class=\"at\" id=\"t-decision-1\"></span><mark class=\"k-decision\" data-items=\"decision-1\">acordó </mark>"
            + "<span class=\"at\" id=\"t-action-1\"></span><mark class=\"k-action k-decision\" data-items=\"decision-1 action-1\">&lt;publicar&gt;</mark>"
            + "<mark class=\"k-decision\" data-items=\"decision-1\"> el informe</mark>.")
        // Offsets count Unicode scalars: a decomposed accent is two.
        let decomposed = "e\u{301}xito"
        #expect(TextHighlighter.html(decomposed, items: [.init(key: "decision-1", anchor: Anchor(start: 2, end: 6))])
            == "e\u{301}<span class=\"at\" id=\"t-decision-1\"></span><mark class=\"k-decision\" data-items=\"decision-1\">xito</mark>")
    }

    @Test func multipartBodiesAreReadPartByPart() throws {
        let body = Data("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"acta; final.txt\"\r\nContent-Type: text/plain\r\n\r\nline 1\r\n--XyZ not yet\r\n--XyZ--\r\n".utf8)
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=\"XyZ\"") == "XyZ")
        #expect(Multipart.boundary(contentType: "application/json") == nil)
        let parts = try #require(Multipart.parse(body, boundary: "XyZ"))
        #expect(parts.map(\.name) == ["csrf", "file"])
        #expect(parts[1].filename == "acta; final.txt")
        #expect(String(decoding: parts[1].data, as: UTF8.self) == "line 1\r\n--XyZ not yet")
        #expect(Multipart.parse(Data("--XyZ\r\nno headers end".utf8), boundary: "XyZ") == nil)
        #expect(Multipart.parse(Data("garbage".utf8), boundary: "XyZ") == nil)
    }

    @Test func theInboxDropNeverReplacesAFileNorHidesOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let drop = InboxDrop(inbox: dir.url.appendingPathComponent("inbox"))
        #expect(try drop.drop(Data("1".utf8), as: "acta.pdf") == "acta.pdf")
        #expect(try drop.drop(Data("2".utf8), as: "acta.pdf") == "acta (2).pdf")
        #expect(try drop.drop(Data("3".utf8), as: "LEEME") == "LEEME")
        #expect(try drop.drop(Data("4".utf8), as: "LEEME") == "LEEME (2)")
        #expect(try Data(contentsOf: drop.inbox.appendingPathComponent("acta.pdf")) == Data("1".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: drop.inbox.path).sorted() == ["LEEME", "LEEME (2)", "acta (2).pdf", "acta.pdf"])
        #expect(InboxDrop.safeName("C:\\Users\\ana\\acta.docx") == "acta.docx")
        #expect(InboxDrop.safeName("../../.hidden") == "hidden")
        #expect(InboxDrop.safeName("a\u{0}b\nc.txt") == "abc.txt")
        #expect(InboxDrop.safeName("...") == nil)
    }

    @Test func theLanguageIsTheChoiceElseTheBrowsers() {
        #expect(Language.of(cookie: nil, acceptLanguage: nil) == .es)
        #expect(Language.of(cookie: nil, acceptLanguage: "en-US,en;q=0.9") == .en)
        #expect(Language.of(cookie: nil, acceptLanguage: "de, en;q=0.5, es;q=0.7") == .es)
        #expect(Language.of(cookie: nil, acceptLanguage: "fr") == .es)
        #expect(Language.of(cookie: "en", acceptLanguage: "es") == .en)
        #expect(Language.of(cookie: "xx", acceptLanguage: "en") == .en)
    }

    @Test func serverSettingsAreReadAndChecked() throws {
        let s = try Settings.parse("server:\n  host: 0.0.0.0\n  port: 9090\n  session_timeout: 15\n  upload_limit: 10\n", path: "relatoria.yaml")
        #expect(s.server.host == "0.0.0.0" && s.server.port == 9090 && s.server.sessionTimeout == 15 && s.server.uploadLimit == 10)
        #expect(Settings().server.host == "127.0.0.1" && Settings().server.port == 8080)
        #expect(throws: RelatoriaError.self) { try Settings.parse("server:\n  port: 70000\n", path: "relatoria.yaml") }
        #expect(throws: RelatoriaError.self) { try Settings.parse("server:\n  prot: 80\n", path: "relatoria.yaml") }
    }

    @Test func theConfigurationsPagesLoadInBothLanguages() throws {
        let r = try WebResources(folder: PackagePaths.config.appendingPathComponent("web"))
        #expect(r.word("nav.search", .es) == "Buscar" && r.word("nav.search", .en) == "Search")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: RelatoriaError.self) { try WebResources(folder: dir.url) }
    }

    /// The layout's frame gives the page Mustache gives, and a layout it cannot frame is
    /// rendered in full.
    @Test func htmlEscapingComparesScalarsSoACombiningMarkHidesNoQuote() {
        #expect(HTMLText.escape("a<b & \"c\" 'd'") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;")
        // A quotation mark with a combining accent is one Character, but still a quote.
        #expect(HTMLText.escape("\"\u{301} onclick=x") == "&quot;\u{301} onclick=x")
        #expect(HTML.snippet("a \u{1}<b>\u{2}") == "a <mark>&lt;b&gt;</mark>")
    }

    /// The pages' templates escape their values scalar by scalar: a quotation mark with a
    /// combining accent (one Character, which Mustache's own escaping let through) cannot close
    /// the search box's `value="..."` and add an attribute.
    @Test func pageTemplatesEscapeAQuoteHiddenByACombiningMark() throws {
        let resources = try WebResources(folder: PackagePaths.config.appendingPathComponent("web"))
        let attack = "\"\u{301} autofocus onfocus=alert(1) x=\""
        let page = try #require(resources.templates["search"]).render(["q": attack, "t": resources.words(.es)])
        #expect(page.contains("value=\"&quot;\u{301} autofocus onfocus=alert(1) x=&quot;\""))
        #expect(!page.unicodeScalars.split(separator: "\u{301}").dropLast().contains { $0.last == "\"" })
        let t = try MustacheHTML.template("<p title=\"{{v}}\">{{v}}</p>{{{raw}}}")
        #expect(t.render(["v": "<\"\u{301}&'>", "raw": "<b>"]) == "<p title=\"&lt;&quot;\u{301}&amp;&#39;&gt;\">&lt;&quot;\u{301}&amp;&#39;&gt;</p><b>")
    }

    @Test func theLayoutFrameGivesWhatMustacheGives() throws {
        let resources = try WebResources(folder: PackagePaths.config.appendingPathComponent("web"))
        #expect(resources.layoutFitsFrame)
        let m = LayoutFrame.marker
        func values(_ title: String, _ back: String, _ user: String, _ csrf: String) -> [String: Any] {
            ["t": resources.words(.es), "title": title, "lang": "es", "back": back,
             "languages": [["code": "es", "name": "Español", "current": true], ["code": "en", "name": "English", "current": false]],
             "session": ["user": user, "role": "revisor", "csrf": csrf, "reviewer": true, "admin": false]]
        }
        let frame = try #require(LayoutFrame(rendered: resources.layout(m(.content), values(m(.title), m(.back), m(.user), m(.csrf)))))
        for (title, user, content) in [("Búsqueda", "rita", "<p>1 acta</p>"), ("<script>&\"'", "o'brien & <co>", ""), ("", "", "{{x}}\u{1}")] {
            let full = resources.layout(content, values(title, "%2Fsearch%3Fq%3Dacta", user, "0f&"))
            #expect(frame.fill([.title: title, .back: "%2Fsearch%3Fq%3Dacta", .user: user, .csrf: "0f&", .content: content]) == full)
        }
        #expect(LayoutFrame.fits("<title>{{title}}</title>{{#session}}{{user}}{{/session}}{{{content}}}{{! a note }}{{t.nav.search}}"))
        #expect(!LayoutFrame.fits("{{#title}}<h1>{{title}}</h1>{{/title}}"))  // a section on a request's value
        #expect(!LayoutFrame.fits("{{> header}}{{{content}}}"))  // a partial
        #expect(!LayoutFrame.fits("{{=<% %>=}}<% title %>"))  // other delimiters
        #expect(!LayoutFrame.fits("{{path}}{{{content}}}"))  // a value the frame does not make
        #expect(LayoutFrame(rendered: "a\u{1}b") == nil && LayoutFrame(rendered: "a\u{1}path&\u{1}b") == nil)
        // A rendered search is kept for everyone only when its template shows nothing of a session.
        #expect(resources.searchIsShared)
        #expect(LayoutFrame.sharedByEveryone("{{#hits}}<a href=\"/records/{{id}}\">{{title}}</a>{{/hits}}{{! user notes }}"))
        #expect(!LayoutFrame.sharedByEveryone("{{#session.reviewer}}<a href=\"/review\">{{t.nav.review}}</a>{{/session.reviewer}}"))
        #expect(!LayoutFrame.sharedByEveryone("<input name=\"csrf\" value=\"{{csrf}}\">"))
        #expect(!LayoutFrame.sharedByEveryone("{{> hits}}"))
    }
}
