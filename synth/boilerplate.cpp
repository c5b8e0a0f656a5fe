#include "synth/boilerplate.h"

#include <algorithm>
#include <iterator>

#include "synth/render_util.h"
#include "synth/template.h"

namespace mucpt::synth {

namespace {

const char* const kSites[] = {"Soundwave Media", "GigBoard", "MusicWire", "DiscIndex",
                              "The Daily Reader", "SoundCritic", "Backbeat Online"};

const char* const kLines[] = {
    "We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.",
    "Accept all cookies | Manage preferences | Reject non-essential",
    "This website uses cookies and similar technologies for analytics and personalised advertising. Learn more in our Cookie Policy.",
    "Home | News | Reviews | Forum | Shop | About | Contact",
    "Home > Music > Features > Archive",
    "Menu | Search | Sign in | Register",
    "Skip to main content",
    "Click here to subscribe to our newsletter and never miss an update!",
    "Sign up now for exclusive offers and early access. Click here to subscribe.",
    "Subscribe today and get your first month free. Cancel anytime.",
    "Copyright {year} {site}. All rights reserved.",
    "© {year} {site} Ltd. All rights reserved. Reproduction without permission is prohibited.",
    "Privacy Policy | Terms of Use | Cookie Settings | Accessibility",
    "Share this: Facebook | Twitter | Reddit | Email | Print",
    "You must be logged in to post a reply. Log in or register.",
    "Page 1 of {pages} « Previous | Next »",
    "Loading comments...",
    "Advertisement",
    "Related articles",
    "Follow us on social media for the latest updates.",
    "Back to top ↑",
    "Powered by {site} CMS",
    "Tags: news, features, archive, trending",
    "Read more",
};

void expand_line(std::string& out, const char* tmpl, Rng& rng) {
  Vars v;
  v.set("site", kSites[rng.below(std::size(kSites))]);
  v.set("year", static_cast<int>(rng.range(2012, 2024)));
  v.set("pages", static_cast<int>(rng.range(2, 12)));
  expand(out, tmpl, v, rng);
}

}  // namespace

std::string boilerplate_line(Rng& rng) {
  std::string out;
  expand_line(out, kLines[rng.below(std::size(kLines))], rng);
  return out;
}

std::vector<std::string> boilerplate_lines(Rng& rng, int n) {
  constexpr size_t kCopyright = 10;  // kLines[10] and kLines[11] are both copyright footers
  std::vector<size_t> used;
  std::vector<std::string> out;
  while (out.size() < static_cast<size_t>(n) && used.size() < std::size(kLines) - 1) {
    size_t k = rng.below(std::size(kLines));
    if (k == kCopyright + 1) k = kCopyright;
    if (std::find(used.begin(), used.end(), k) != used.end()) continue;
    used.push_back(k);
    out.emplace_back();
    expand_line(out.back(), kLines[k == kCopyright ? kCopyright + rng.below(2) : k], rng);
  }
  return out;
}

Doc render_boilerplate(Rng& rng) {
  Doc doc;
  doc.style = "boilerplate";
  const int n = static_cast<int>(rng.range(4, 12));
  // Pages usually open with navigation and close with the footer.
  expand_line(doc.text, kLines[3 + rng.below(4)], rng);
  for (int i = 1; i < n; ++i) {
    doc.text += "\n";
    doc.text += boilerplate_line(rng);
  }
  doc.text += "\n";
  expand_line(doc.text, kLines[10 + rng.below(3)], rng);
  doc.add_field("url", "https://www." + slug(kSites[rng.below(std::size(kSites))]) + ".example/page/" +
                           std::to_string(rng.range(1, 9999)));
  return doc;
}

}  // namespace mucpt::synth
