/*
 * Reading and citing a speech: clean quoting, and citations as text, BibTeX and CSL-JSON.
 *
 * Class names and the data element's id are those of src/speech_archive/markup.py; the
 * citation's facts come from pages/citation.py as data-* attributes, read here as text.
 * Works from file:// with no network: nothing is fetched, downloads are data: URLs.
 */
(function () {
  "use strict";

  // What is on a speech page but not the speech's words: never part of a quotation.
  var NOT_QUOTED = [
    "a.para-number", // paragraph numbers
    "sup[id^='fnref']", // footnote marks: glossary notes, the speech's own
    ".admonition", // callouts (sayings)
    "aside", // margin notes
    ".not-quoted", // anything else the site marks as not the speech's words
    ".headerlink",
    ".md-tooltip",
    ".md-tooltip2",
    ".speech-cite",
    ".cite-menu",
    "script",
    "style",
  ].join(", ");
  var BLOCK = /^(P|DIV|LI|UL|OL|DL|DT|DD|BLOCKQUOTE|H[1-6]|DETAILS|SUMMARY|TABLE|TR|PRE|SECTION|ARTICLE|HEADER|FOOTER|FIGURE)$/;

  function elementOf(node) {
    return node && node.nodeType === 1 ? node : node && node.parentElement;
  }

  function listStart(list) {
    return Number(list.getAttribute("start") || 1);
  }

  // The number of the list item the range starts in (null outside an ordered list).
  function numberAtStart(range) {
    var start = elementOf(range.startContainer);
    var item = start && start.closest("li");
    if (!item || !item.parentElement || item.parentElement.nodeName !== "OL") return null;
    return listStart(item.parentElement) + Array.prototype.indexOf.call(item.parentElement.children, item);
  }

  // The text of a fragment as a reader expects to paste it: blocks apart by a blank line,
  // line breaks kept, runs of spaces as one, an ordered list's items with their numbers
  // (the speaker's, as shown: the browser draws them, so a copy would drop them).
  function textOf(fragment, firstNumber) {
    var out = [];
    // The innermost list on the fragment's first path is the one the selection starts in.
    var partial = null;
    for (var node = fragment.firstChild; node; node = node.firstChild) {
      if (node.nodeName === "OL") partial = node;
    }
    var loose = firstNumber; // items cut loose from their list (the selection is inside it)
    (function walk(node, counter) {
      if (node.nodeType === 3) {
        out.push(node.data.replace(/\s+/g, " "));
        return;
      }
      if (node.nodeName === "BR") {
        out.push("\n");
        return;
      }
      var block = BLOCK.test(node.nodeName);
      if (block) out.push("\n\n");
      if (node.nodeName === "LI" && counter) out.push(counter.next++ + ". ");
      if (node.nodeName === "LI" && !counter && node.parentNode === fragment && loose !== null) {
        out.push(loose++ + ". ");
      }
      var items = null;
      if (node.nodeName === "OL") {
        items = { next: node === partial && firstNumber !== null ? firstNumber : listStart(node) };
      }
      for (var child = node.firstChild; child; child = child.nextSibling) {
        walk(child, items); // only an ordered list's own items are numbered
      }
      if (block) out.push("\n\n");
    })(fragment, null);
    return out
      .join("")
      .replace(/ {2,}/g, " ")
      .replace(/ *\n */g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }

  function onCopy(event) {
    var selection = window.getSelection();
    var body = document.querySelector(".speech-body");
    if (!body || !selection || selection.isCollapsed || !selection.rangeCount) return;
    var target = elementOf(event.target);
    if (target && target.closest("textarea, input")) return; // our own copy of a citation
    var range = selection.getRangeAt(0);
    if (!range.intersectsNode(body)) return;
    // A selection inside one note (a callout, a tooltip) copies the note as it is.
    var around = elementOf(range.commonAncestorContainer);
    if (around && around.closest(NOT_QUOTED)) return;
    var parts = [];
    for (var index = 0; index < selection.rangeCount; index++) {
      var part = selection.getRangeAt(index);
      var fragment = part.cloneContents();
      fragment.querySelectorAll(NOT_QUOTED).forEach(function (element) {
        element.remove();
      });
      parts.push(textOf(fragment, numberAtStart(part)));
    }
    event.clipboardData.setData("text/plain", parts.join("\n\n"));
    event.preventDefault();
  }

  // --- citations ------------------------------------------------------------------------

  function citationData() {
    var element = document.querySelector("div#speech-citation[hidden]");
    if (!element) return null;
    var facts = element.dataset;
    return {
      key: facts.key,
      title: facts.title,
      speaker: facts.speaker,
      venue: facts.venue,
      occasion: facts.occasion || null,
      date: facts.date,
      dateText: facts.dateText,
      publisher: facts.publisher || null,
      language: facts.language,
      url: facts.url || null,
    };
  }

  function link(data, paragraph) {
    var url = data.url || window.location.href.split("#")[0];
    return paragraph ? url + "#p" + paragraph : url;
  }

  function key(data, paragraph) {
    return data.key + (paragraph ? "-p" + paragraph : "");
  }

  function plainCitation(data, paragraph) {
    var parts = [data.speaker, "\u201c" + data.title + "\u201d"];
    if (data.occasion) parts.push(data.occasion);
    parts.push(data.venue, data.dateText);
    if (paragraph) parts.push("para. " + paragraph);
    return parts.join(", ") + ". " + link(data, paragraph);
  }

  // BibTeX counts every brace, escaped or not: braces become balanced commands; ^ and ~
  // text commands, never accents.
  var BIBTEX_ESCAPES = {
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "\\": "\\textbackslash{}",
    "%": "\\%",
    "&": "\\&",
    $: "\\$",
    "#": "\\#",
    _: "\\_",
    "^": "\\textasciicircum{}",
    "~": "\\textasciitilde{}",
  };

  function bibtexText(value) {
    return String(value)
      .replace(/\s+/g, " ")
      .replace(/[{}\\%&$#_^~]/g, function (character) {
        return BIBTEX_ESCAPES[character];
      });
  }

  function bibtex(data, paragraph) {
    var date = data.date.split("-");
    var published = data.occasion ? "Speech at " + data.occasion + ", " + data.venue : "Speech, " + data.venue;
    // A URL is read verbatim (url package): only what would unbalance the field is encoded.
    var url = link(data, paragraph).replace(/[{}\\\s]/g, encodeURIComponent);
    var fields = [
      // Double braces: the speaker's name as written, never split into given and family names.
      ["author", "{" + bibtexText(data.speaker) + "}"],
      ["title", "{" + bibtexText(data.title) + "}"],
      ["howpublished", bibtexText(published)],
      ["year", date[0]],
      ["month", String(Number(date[1]))],
      ["day", String(Number(date[2]))],
      ["date", data.date],
      ["url", url],
    ];
    if (data.occasion) fields.push(["eventtitle", bibtexText(data.occasion)]);
    fields.push(["venue", bibtexText(data.venue)]);
    if (data.publisher) fields.push(["publisher", bibtexText(data.publisher)]);
    if (paragraph) fields.push(["note", "para. " + paragraph]);
    fields.push(["language", bibtexText(data.language)]);
    return (
      "@misc{" + key(data, paragraph) + ",\n" +
      fields.map(function (field) {
        return "  " + field[0] + " = {" + field[1] + "}";
      }).join(",\n") +
      "\n}\n"
    );
  }

  function cslJson(data, paragraph) {
    var date = data.date.split("-").map(Number);
    var item = {
      id: key(data, paragraph),
      type: "speech",
      title: data.title,
      author: [{ literal: data.speaker }],
      "event-place": data.venue,
      issued: { "date-parts": [date] },
      "event-date": { "date-parts": [date] },
      URL: link(data, paragraph),
      language: data.language,
    };
    if (data.occasion) item["event-title"] = data.occasion;
    if (data.publisher) item.publisher = data.publisher;
    if (paragraph) {
      item.locator = String(paragraph);
      item.note = "para. " + paragraph;
    }
    return JSON.stringify([item], null, 2) + "\n";
  }

  function copyText(text, done) {
    function fallback() {
      // navigator.clipboard is missing or refused (some browsers on file://).
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "0";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      area.remove();
      done(copied);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        done(true);
      }, fallback);
    } else {
      fallback();
    }
  }

  function dataUrl(text, type) {
    return "data:" + type + ";charset=utf-8," + encodeURIComponent(text);
  }

  // The menu of citations for the speech (paragraph null) or one paragraph.
  function citationMenu(data, paragraph) {
    var menu = document.createElement("div");
    menu.className = "cite-menu";
    menu.setAttribute("role", "group");
    menu.setAttribute("aria-label", paragraph ? "Cite paragraph " + paragraph : "Cite this speech");
    var text = document.createElement("p");
    text.textContent = plainCitation(data, paragraph);
    menu.appendChild(text);
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    var actions = document.createElement("p");
    function button(label, action, make) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "md-button";
      element.textContent = label;
      element.dataset.citeAction = action;
      element.addEventListener("click", function () {
        copyText(make(), function (copied) {
          status.textContent = copied ? "Copied" : "Could not copy: select the text above";
        });
      });
      actions.appendChild(element);
    }
    function download(label, action, name, type, make) {
      var element = document.createElement("a");
      element.className = "md-button";
      element.textContent = label;
      element.dataset.citeAction = action;
      element.download = name;
      element.href = dataUrl(make(), type);
      actions.appendChild(element);
    }
    var name = key(data, paragraph);
    button("Copy citation", "copy-text", function () {
      return plainCitation(data, paragraph);
    });
    if (paragraph) {
      button("Copy link", "copy-link", function () {
        return link(data, paragraph);
      });
    }
    button("Copy BibTeX", "copy-bibtex", function () {
      return bibtex(data, paragraph);
    });
    download("Download BibTeX", "download-bibtex", name + ".bib", "application/x-bibtex", function () {
      return bibtex(data, paragraph);
    });
    button("Copy CSL-JSON", "copy-csl-json", function () {
      return cslJson(data, paragraph);
    });
    download("Download CSL-JSON", "download-csl-json", name + ".json", "application/vnd.citationstyles.csl+json", function () {
      return cslJson(data, paragraph);
    });
    actions.appendChild(status);
    menu.appendChild(actions);
    return menu;
  }

  var popover = null;

  function closePopover() {
    if (popover) {
      popover.remove();
      popover = null;
    }
  }

  function openParagraphMenu(data, number, anchor) {
    closePopover();
    popover = citationMenu(data, number);
    popover.classList.add("md-typeset"); // outside the article: the theme's text and buttons
    popover.dataset.paragraph = String(number);
    document.body.appendChild(popover);
    var box = anchor.getBoundingClientRect();
    var width = popover.offsetWidth;
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    popover.style.left = left + window.scrollX + "px";
    popover.style.top = box.bottom + window.scrollY + 4 + "px";
    var first = popover.querySelector("button");
    if (first) first.focus();
  }

  function setUpCitations() {
    var data = citationData();
    var meta = document.querySelector(".speech-meta");
    if (!data || !meta || document.querySelector(".speech-cite")) return;
    var control = document.createElement("details");
    control.className = "speech-cite";
    var summary = document.createElement("summary");
    summary.textContent = "Cite this speech";
    control.appendChild(summary);
    control.appendChild(citationMenu(data, null));
    meta.insertAdjacentElement("afterend", control);
    document.querySelectorAll(".speech-body a.para-number").forEach(function (number) {
      number.setAttribute("aria-haspopup", "true");
      number.addEventListener("click", function (event) {
        event.preventDefault();
        var paragraph = Number(number.textContent.trim());
        // The address names the paragraph, as the link does without a script.
        if (window.history && history.replaceState) {
          try {
            history.replaceState(null, "", "#p" + paragraph);
          } catch (error) {
            /* some file:// pages refuse it: the menu still works */
          }
        }
        openParagraphMenu(data, paragraph, number);
      });
    });
  }

  var listening = false;

  function setUp() {
    if (!listening) {
      listening = true;
      document.addEventListener("copy", onCopy);
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && popover) {
          var number = document.getElementById("p" + popover.dataset.paragraph);
          closePopover();
          if (number) number.focus(); // back where the keyboard reader opened it
        }
      });
      document.addEventListener("click", function (event) {
        var target = elementOf(event.target);
        if (popover && target && !target.closest(".cite-menu, a.para-number")) closePopover();
      });
    }
    closePopover();
    setUpCitations();
  }

  // Material's document$ announces every page (instant navigation included); else load.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
