// HTML to text: tags, skipped elements, block breaks, whitespace and character
// references.
#include "tests/catch.h"

#include "curation/quality/html_entities.h"
#include "curation/quality/html_stripper.h"
#include "tests/quality/quality_test_util.h"

using namespace mucpt;

namespace {
std::string text_of(const std::string& html) {
  std::string out;
  HtmlStripper::strip(html, out);
  return out;
}
}  // namespace

TEST_CASE("html: tags go, blocks become line and paragraph breaks") {
  CHECK(text_of("<p>First <b>bold</b> para.</p><p>Second</p>") == "First bold para.\n\nSecond");
  CHECK(text_of("<div>one</div><div>two</div>line<br>break<br/>again") == "one\ntwo\nline\nbreak\nagain");
  CHECK(text_of("<ul><li>Side A</li><li>Side B</li></ul>") == "Side A\nSide B");
  CHECK(text_of("<table><tr><td>1.</td><td>Song</td></tr><tr><td>2.</td><td>Other</td></tr></table>") ==
        "1. Song\n2. Other");
  CHECK(text_of("<h1>Title</h1>\n\n   <p>Body   text\n  wraps here</p>") == "Title\n\nBody text wraps here");
  CHECK(text_of("<a href=\"x.html?a=1&b=2\" title='a > b'>link</a> text") == "link text");
}

TEST_CASE("html: script, style, comments and the head are dropped") {
  CHECK(text_of("<head><title>Site | Page</title><style>p{color:red}</style></head><body>Text</body>") == "Text");
  CHECK(text_of("a<script type=\"text/javascript\">if (a < b) { x(\"</p>\"); }</SCRIPT>b") == "ab");
  CHECK(text_of("keep<!-- <p>not this</p> -->this") == "keepthis");
  CHECK(text_of("<!DOCTYPE html><html><body><noscript>Enable JS</noscript>Hi</body></html>") == "Hi");
  CHECK(text_of("before<script>never closed") == "before");
  CHECK(text_of("<svg><text>1</text></svg>Chart") == "Chart");
}

TEST_CASE("html: a '<' that opens no tag is text") {
  CHECK(text_of("a < b and c<d") == "a < b and c<d");
  CHECK(text_of("<3 this band") == "<3 this band");
  CHECK(text_of("unclosed <b tag") == "unclosed <b tag");
}

TEST_CASE("html: preformatted text keeps its line breaks") {
  CHECK(text_of("<pre>1. Intro\n2. Outro</pre>after") == "1. Intro\n2. Outro\n\nafter");
}

TEST_CASE("html: character references are decoded") {
  CHECK(text_of("Simon &amp; Garfunkel &lt;live&gt; &quot;Boxer&quot; &#39;69 &apos;70") ==
        "Simon & Garfunkel <live> \"Boxer\" '69 '70");
  CHECK(text_of("Bj&ouml;rk, Sigur R&oacute;s, Mot&ouml;rhead") == "Bj\xC3\xB6rk, Sigur R\xC3\xB3s, Mot\xC3\xB6rhead");
  CHECK(text_of("&#233;&#xE9;&#XE9;&#x1F3B8;") == "\xC3\xA9\xC3\xA9\xC3\xA9\xF0\x9F\x8E\xB8");
  CHECK(text_of("B&flat; and F&sharp; &natural;") == "B\xE2\x99\xAD and F\xE2\x99\xAF \xE2\x99\xAE");
  CHECK(text_of("1980&#150;1985 &#8212; &#146;s") == "1980\xE2\x80\x93" "1985 \xE2\x80\x94 \xE2\x80\x99s");  // Windows-1252
  CHECK(text_of("bad &#0; &#xD800; &#x110000; end") == "bad \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD end");
  CHECK(text_of("no&nbsp;break&ensp;here") == "no break here");
  CHECK(text_of("soft&shy;hyphen &#7;bell") == "softhyphen bell");
  CHECK(text_of("AT&T &unknown; &amp") == "AT&T &unknown; &amp");
  CHECK(text_of("&#65&#66;") == "AB");  // a numeric reference may lack its ';'
  CHECK(text_of("Sigur Ro&#769;s") == "Sigur R\xC3\xB3s");  // back in NFC
}

TEST_CASE("html: the entity decoder reports what it consumed") {
  char32_t cp = 0;
  CHECK(decode_html_entity("&eacute;x", 0, cp) == 8);
  CHECK(cp == 0xE9);
  CHECK(decode_html_entity("&Eacute;", 0, cp) == 8);
  CHECK(cp == 0xC9);
  CHECK(decode_html_entity("& x", 0, cp) == 0);
  CHECK(decode_html_entity("&#x;", 0, cp) == 0);
}

TEST_CASE("html: the stage drops a page with no text") {
  HtmlStripper stage;
  std::string page = "<html><head><script>x()</script></head><body> <br> </body></html>";
  CHECK(quality_test::reason(stage, page) == "empty_after_html");
  std::string ok = "<p>Hello &amp; welcome</p>";
  CHECK(quality_test::reason(stage, ok) == "");
  CHECK(ok == "Hello & welcome");
}
