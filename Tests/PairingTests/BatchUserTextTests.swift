import Testing
@testable import Pairing

@Suite struct BatchUserTextTests {
    @Test func shortPrintableTextIsUnchanged() {
        #expect(UserText.clipped("MT-01") == "MT-01")
        #expect(UserText.quoted("abc") == "'abc'")
        #expect(UserText.clipped("Växjö Åkeri") == "Växjö Åkeri")
        #expect(UserText.clipped("") == "")
    }

    @Test func longTextIsCutWithACount() {
        let text = String(repeating: "a", count: 100)
        #expect(UserText.clipped(text) == String(repeating: "a", count: 60) + "… (40 more characters)")
        #expect(UserText.quoted(text, limit: 3) == "'aaa…' (97 more characters)")
        #expect(UserText.clipped("abcd", limit: 3) == "abc… (1 more character)")
    }

    @Test func cutsAtACharacterBoundaryAndCountsCharacters() {
        // "ö" is two bytes: a cut at 3 bytes keeps "aö", at 2 bytes only "a".
        #expect(UserText.clipped("aööö", limit: 3) == "aö… (2 more characters)")
        #expect(UserText.clipped("aööö", limit: 2) == "a… (3 more characters)")
        #expect(UserText.clipped("🚚🚚", limit: 5) == "🚚… (1 more character)")
    }

    @Test func controlAndInvisibleCharactersAreEscaped() {
        #expect(UserText.clipped("a\u{0}b\tc\nd\u{1B}\u{7F}") == #"a\x00b\x09c\x0Ad\x1B\x7F"#)
        #expect(UserText.clipped("x\u{85}y\u{2028}z\u{202E}w\u{2066}\u{200F}\u{61C}") == #"x\u{85}y\u{2028}z\u{202E}w\u{2066}\u{200F}\u{61C}"#)
        // Ordinary non-ASCII stays as it is.
        #expect(UserText.clipped("Ærø – “quoted” €") == "Ærø – “quoted” €")
    }

    @Test func listsAreCutWithACount() {
        #expect(UserText.list(["a", "b"], noun: "columns") == "a, b")
        let many = (0..<25).map { "c\($0)" }
        #expect(UserText.list(many, noun: "columns", maxItems: 3) == "c0, c1, c2, … and 22 more columns")
        #expect(UserText.list([String(repeating: "n", count: 50)], noun: "columns")
            == String(repeating: "n", count: 40) + "… (10 more characters)")
    }

    @Test func firstControlCharacterAgreesWithEscaping() {
        func first(_ s: String, _ allow: Bool = false) -> String? {
            var s = s
            return s.withUTF8 { b in
                UserText.firstControlCharacter(in: b, allowingTabAndLineBreaks: allow).map { "\(UserText.codePoint($0.scalar))@\($0.offset)" }
            }
        }
        #expect(first("plain ASCII and Växjö") == nil)
        #expect(first("a\u{0}") == "U+0000@1")
        #expect(first("tab\there") == "U+0009@3")
        #expect(first("tab\there\r\nok", true) == nil)
        #expect(first("ab\u{85}") == "U+0085@2")
        #expect(first("ab\u{A0}") == nil)  // no-break space is ordinary text
        #expect(first("é\u{202E}") == "U+202E@2")
        #expect(first("\u{2028}") == "U+2028@0")
        #expect(first("\u{2030}") == nil)  // per mille sign
        #expect(first("\u{61C}") == "U+061C@0")
        // Every scalar the escaping changes is found, and no other.
        for v in UInt32(0)...0x2100 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(Character(scalar))
            #expect((UserText.clipped(s) != s) == (first(s) != nil), "U+\(String(v, radix: 16))")
        }
    }
}
