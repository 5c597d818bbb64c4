// Test oracle: render a bibliography with citeproc-js and an official CSL style.
// Usage: node tests/citations/render_csl.js <items.json> <style.csl> [locale]
// Prints one plain-text entry per line (HTML tags stripped, entities decoded), in input order.
//
// citeproc-js needs a locale file and the npm package ships none; neither does ../shared/csl. Where
// ../shared/csl/locales-<lang>.xml exists it is used. Otherwise the minimal locale below supplies the
// few terms these three styles use for journal articles, with the values of the official CSL locales
// (citation-style-language/locales): et-al 等 / et al., and 和 / and, no date 无日期 / n.d. (APA
// defines its own "n.d." in the style). Anything else falls back to citeproc's defaults.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [itemsPath, stylePath, localeArg] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const style = fs.readFileSync(stylePath, "utf8");

const TERMS = {
  "zh-CN": { "et-al": "等", and: "和", "no date": "无日期", "no date/short": "无日期",
             "page-range-delimiter": "–", page: "页", issue: "期", volume: "卷" },
  "en-US": { "et-al": "et al.", and: "and", "no date": "no date", "no date/short": "n.d.",
             "page-range-delimiter": "–", page: "page", issue: "number", volume: "volume" },
};

function minimalLocale(lang) {
  const terms = TERMS[lang] || TERMS["en-US"];
  const termXml = Object.entries(terms)
    .map(([key, value]) => {
      const [name, form] = key.split("/");
      return `<term name="${name}"${form ? ` form="${form}"` : ""}>${value}</term>`;
    }).join("");
  return `<?xml version="1.0" encoding="utf-8"?>
<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="${lang}">
<style-options punctuation-in-quote="${lang === "en-US"}"/>
<date form="text"><date-part name="year"/></date>
<date form="numeric"><date-part name="year"/></date>
<terms>${termXml}</terms></locale>`;
}

function retrieveLocale(lang) {
  const full = lang === "zh" ? "zh-CN" : lang === "en" ? "en-US" : lang;
  const shared = path.join(path.dirname(stylePath), `locales-${full}.xml`);
  if (fs.existsSync(shared)) return fs.readFileSync(shared, "utf8");
  return minimalLocale(full);
}

const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const sys = { retrieveLocale, retrieveItem: (id) => byId[id] };
const engine = new CSL.Engine(sys, style, localeArg || undefined);
engine.updateItems(items.map((item) => item.id));
const [, entries] = engine.makeBibliography();

function plain(html) {
  return html
    .replace(/<div class="csl-left-margin">(.*?)<\/div>/g, "$1 ")
    .replace(/<[^>]+>/g, "")
    .replace(/&#38;/g, "&").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/\s+/g, " ")
    .trim();
}

// makeBibliography sorts only when the style says so; report by id so callers match entries to items.
const ids = engine.registry.getSortedIds();
const out = {};
entries.forEach((html, index) => { out[ids[index]] = plain(html); });
process.stdout.write(JSON.stringify(out, null, 0) + "\n");
