#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "entente/reader.h"

namespace entente {
namespace {

constexpr char kPage[] = R"(<!DOCTYPE html>
<html lang="en">
<head>
  <title>Site | Russia expels diplomats</title>
  <meta property="og:title" content="Russia expels two  diplomats">
  <meta property="og:site_name" content="Example News">
  <meta property="og:url" content="https://example.com/a">
  <meta property="article:published_time" content="2015-08-21T09:30:00+03:00">
  <script>var x = "<p>not text</p>";</script>
  <style>p { color: red; }</style>
</head>
<body class="nav-open">
  <header><a href="/">Example News</a></header>
  <nav><ul><li>World</li><li>Sport</li></ul></nav>
  <div class="cookie-banner">We use cookies.</div>
  <main>
    <article>
      <h1>Russia expels two diplomats</h1>
      <p>MOSCOW &mdash; Russia expelled   two
         diplomats on <b>Friday</b>, the foreign ministry&nbsp;said.</p>
      <div class="share-buttons">Share on Facebook</div>
      <figure><img src="a.jpg"><figcaption>Photo: AP</figcaption></figure>
      <p>&ldquo;This is a response,&rdquo; a spokesman said.</p>
      <div class="ad-slot">Buy now</div>
      <ul><li>First point</li><li>Second point</li></ul>
      <blockquote>Quoted text</blockquote>
      <div>Loose text in a div<br>after a break</div>
      <aside>Related: other story</aside>
      <section class="comments">Great article!</section>
      <noscript>Enable JavaScript</noscript>
      <iframe src="x"></iframe>
    </article>
  </main>
  <footer>Copyright 2015</footer>
</body>
</html>)";

TEST(HtmlReaderTest, ExtractsArticle) {
  StatusOr<Document> doc = ParseHtml("pages/story.html", kPage, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "story");
  EXPECT_EQ(doc->origin, "pages/story.html");
  EXPECT_EQ(doc->title, "Russia expels two diplomats");
  EXPECT_EQ(doc->date, "2015-08-21");
  EXPECT_EQ(doc->source, "Example News");
  EXPECT_EQ(doc->url, "https://example.com/a");
  EXPECT_EQ(doc->text,
            "Russia expels two diplomats\n\n"
            "MOSCOW \xE2\x80\x94 Russia expelled two diplomats on Friday, the "
            "foreign ministry said.\n\n"
            "\xE2\x80\x9CThis is a response,\xE2\x80\x9D a spokesman said.\n\n"
            "First point\n\nSecond point\n\nQuoted text\n\n"
            "Loose text in a div\n\nafter a break");
}

TEST(HtmlReaderTest, TitleFallbacks) {
  StatusOr<Document> doc =
      ParseHtml("a.html",
                "<html><head><title> The  Title </title></head><body><h1>H</h1>"
                "<p>Text.</p></body></html>",
                {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "The Title");
  doc =
      ParseHtml("a.html", "<html><body><h1>The <i>H1</i></h1><p>Text.</p>", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "The H1");
  doc = ParseHtml(
      "a.html",
      "<meta name=\"twitter:title\" content=\"TW\"><title>T</title><p>x</p>",
      {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "TW");
}

std::string DateOf(const std::string& html, const ReaderOptions& options = {}) {
  StatusOr<Document> doc = ParseHtml("a.html", html, options);
  if (!doc.ok()) return "error: " + doc.status().ToString();
  return doc->date;
}

TEST(HtmlReaderTest, PublicationDateSources) {
  const std::string body = "<body><p>Some text.</p></body>";
  EXPECT_EQ(DateOf("<meta property=\"og:published_time\" "
                   "content=\"2020-05-06T00:00:00Z\">" +
                   body),
            "2020-05-06");
  EXPECT_EQ(
      DateOf("<meta itemprop=\"datePublished\" content=\"2020-05-07\">" + body),
      "2020-05-07");
  EXPECT_EQ(DateOf("<meta name=\"DC.date\" content=\"2020/05/08\">" + body),
            "2020-05-08");
  EXPECT_EQ(DateOf("<meta name=\"sailthru.date\" "
                   "content=\"2020-05-09 10:11:12\">" +
                   body),
            "2020-05-09");
  EXPECT_EQ(DateOf("<meta name=\"parsely-pub-date\" "
                   "content=\"2020-05-10T10:00:00Z\">" +
                   body),
            "2020-05-10");
  EXPECT_EQ(DateOf("<meta name=\"pubdate\" content=\"20200511\">" + body),
            "2020-05-11");
  EXPECT_EQ(DateOf("<meta name=\"date\" content=\"May 12, 2020\">" + body),
            "2020-05-12");
  // The most specific tag wins over a generic one.
  EXPECT_EQ(DateOf("<meta name=\"date\" content=\"2020-01-01\">"
                   "<meta property=\"article:published_time\" "
                   "content=\"2020-05-13\">" +
                   body),
            "2020-05-13");
  // Microdata on an element.
  EXPECT_EQ(DateOf("<body><span itemprop=\"datePublished\" "
                   "content=\"2020-05-14\">May 14</span><p>x</p></body>"),
            "2020-05-14");
  // JSON-LD, nested in a graph.
  EXPECT_EQ(DateOf("<script type=\"application/ld+json\">{\"@graph\": "
                   "[{\"@type\": \"WebPage\"}, {\"@type\": \"NewsArticle\", "
                   "\"datePublished\": \"2020-05-15T08:00:00-04:00\"}]}"
                   "</script>" +
                   body),
            "2020-05-15");
  // Broken JSON-LD is ignored.
  EXPECT_EQ(
      DateOf("<script type=\"application/ld+json\">{oops</script>" + body), "");
  // <time> inside the article.
  EXPECT_EQ(DateOf("<body><article><time datetime=\"2020-05-16T10:00\">"
                   "Saturday</time><p>Story.</p></article></body>"),
            "2020-05-16");
  // ...but not a <time> elsewhere on the page (a clock, a teaser).
  EXPECT_EQ(DateOf("<body><div><time datetime=\"2020-05-17\">now</time></div>"
                   "<p>Story.</p></body>"),
            "");
  // A dateline in the first paragraph.
  EXPECT_EQ(DateOf("<body><p>BEIRUT, 18 May 2020 - Lebanon said.</p></body>"),
            "2020-05-18");
  // Otherwise the default date.
  ReaderOptions options;
  options.default_date = "1999-09-09";
  EXPECT_EQ(DateOf(body, options), "1999-09-09");
}

TEST(HtmlReaderTest, PrefersLargestArticleAndArticleBody) {
  StatusOr<Document> doc =
      ParseHtml("a.html",
                "<body><article><p>Teaser.</p></article>"
                "<article><p>The real story is much longer than the teaser.</p>"
                "</article><article><p>Other teaser.</p></article></body>",
                {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "The real story is much longer than the teaser.");

  doc = ParseHtml("a.html",
                  "<body><div>Menu stuff that is long long long long</div>"
                  "<div itemprop=\"articleBody\"><p>Body one.</p>"
                  "<p>Body two.</p></div></body>",
                  {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Body one.\n\nBody two.");

  doc = ParseHtml("a.html",
                  "<body><div class=\"menu\">Home</div>"
                  "<div role=\"main\"><p>Main text.</p></div></body>",
                  {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Main text.");
}

TEST(HtmlReaderTest, BoilerplateNamesMatchWordsNotSubstrings) {
  StatusOr<Document> doc =
      ParseHtml("a.html",
                "<body><div class=\"canvas-wrapper\"><p>Kept one.</p></div>"
                "<div class=\"commentary-body\"><p>Kept two.</p></div>"
                "<div id=\"relatedStories\"><p>Dropped.</p></div>"
                "<div class=\"newsletter-signup\"><p>Dropped.</p></div>"
                "<div class=\"x social\"><p>Dropped.</p></div>"
                "<div hidden><p>Dropped.</p></div>"
                "<div style=\"display: none\"><p>Dropped.</p></div>"
                "<div aria-hidden=\"true\"><p>Dropped.</p></div>"
                "<div role=\"navigation\"><p>Dropped.</p></div>"
                "</body>",
                {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Kept one.\n\nKept two.");
}

TEST(HtmlReaderTest, InlineElementsDoNotSplitWords) {
  StatusOr<Document> doc =
      ParseHtml("a.html",
                "<p>Un<b>break</b>able and <a href=x>linked</a>\ttext&amp;more"
                "</p><table><tr><td>Cell A</td><td>Cell B</td></tr></table>",
                {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Unbreakable and linked text&more\n\nCell A\n\nCell B");
}

TEST(HtmlReaderTest, EmptyPageIsInvalid) {
  for (const char* html :
       {"", "  ", "<html><head><title>T</title></head><body></body></html>",
        "<html><body><nav>Only navigation</nav><script>x</script></body>"}) {
    StatusOr<Document> doc = ParseHtml("e.html", html, {});
    ASSERT_FALSE(doc.ok()) << html;
    EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(doc.status().message().rfind("e.html: empty document", 0), 0u)
        << doc.status().message();
  }
}

TEST(HtmlReaderTest, TooLarge) {
  ReaderOptions options;
  options.max_document_bytes = 20;
  StatusOr<Document> doc =
      ParseHtml("big.html", "<p>This is more than twenty bytes.</p>", options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kResourceExhausted);
}

TEST(HtmlReaderTest, DeeplyNestedPageDoesNotOverflow) {
  std::string html = "<html><body>";
  for (int i = 0; i < 5000; ++i) html += "<div><span>";
  html += "Deep text.";
  StatusOr<Document> doc = ParseHtml("deep.html", html, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, "Deep text.");
}

TEST(HtmlReaderTest, MalformedHtmlStillReadable) {
  StatusOr<Document> doc = ParseHtml(
      "a.html", "<p>Unclosed <b>bold <p>Next para</i> &bogus; \xFF end", {});
  ASSERT_TRUE(doc.ok());
  // Gumbo replaces the invalid byte with U+FFFD.
  EXPECT_EQ(doc->text, "Unclosed bold\n\nNext para &bogus; \xEF\xBF\xBD end");
}

TEST(HtmlReaderTest, DeepNestingIsFlattenedInBoundedTime) {
  // gumbo alone takes about 2 s at 40k levels and grows with the square of
  // the depth; tags below 512 levels are dropped first, their text kept.
  const int kDepth = 100000;
  std::string html = "<html><body><p>Opening words.</p>";
  for (int i = 0; i < kDepth; ++i) html += i % 2 ? "<div>" : "<b>";
  html += "Deep words.";
  for (int i = 0; i < kDepth; ++i) html += i % 2 ? "</b>" : "</div>";
  html += "<p>Closing words.</p></body></html>";
  auto start = std::chrono::steady_clock::now();
  StatusOr<Document> doc = ParseHtml("deep.html", html, {});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->text.find("Opening words."), std::string::npos);
  EXPECT_NE(doc->text.find("Deep words."), std::string::npos);
  EXPECT_LT(seconds, 10.0);
}

TEST(HtmlReaderTest, ModerateNestingAndMarkupInScriptsAreLeftAlone) {
  // 400 levels (under the limit), and a script full of "<div>" that must
  // not count as nesting.
  std::string html = "<html><body><script>";
  for (int i = 0; i < 2000; ++i) html += "'<div>'+";
  html += "''</script>";
  for (int i = 0; i < 400; ++i) html += "<div>";
  html += "<p>First.</p><p>Second.</p>";
  for (int i = 0; i < 400; ++i) html += "</div>";
  html += "</body></html>";
  StatusOr<Document> doc = ParseHtml("nested.html", html, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, "First.\n\nSecond.");
}

}  // namespace
}  // namespace entente
