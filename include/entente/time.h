// Time stage: date and time expressions, normalized against the document date.
//
// Recognized forms (see src/time/dates.cc for the rules):
//   absolute   "19 May 2024", "May 19, 2024", "Friday, August 21, 2015",
//              "2015-08-21", "21/08/2015", "the 12th of October", "May 2014"
//   partial    "19 May", "May 19" (year chosen from the document date and the
//              tense), "in May", "in 2014", "last year", "this month"
//   relative   "yesterday", "today", "tonight", "on Thursday", "last week",
//              "two days ago", "next month", "the morning of 20 May"
//   durations  "within 48 hours", "for two years", "a three-day visit"
//              (type "duration", value "PT48H", "P2Y", "P3D"; never a date)
//
// All functions are pure and thread-safe; nothing is an error: an expression
// that cannot be resolved (no usable document date) keeps an empty value.
#ifndef ENTENTE_TIME_H_
#define ENTENTE_TIME_H_

#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"

namespace entente {

// Finds the date and duration expressions in `text`, in text order, and
// normalizes them. `document_date` ("YYYY-MM-DD", may be empty) anchors
// relative expressions ("yesterday", "on Thursday", "19 May"); a year-less
// date in a passage about a distant time ("On September 17, 1859, …; on
// the 1st of Feb. next") is anchored to the last full date in the text
// instead. `sentences` gives DateMention::sentence and the tense cues (the
// sentence around a mention); it may be empty, then the text is treated as
// one sentence. `tokens` is not needed by the current rules (the recognizer
// scans the text itself so that numeric forms such as "21/08/2015" do not
// depend on tokenizer details) and may be empty.
std::vector<DateMention> FindDates(std::string_view text,
                                   const std::vector<Token>& tokens,
                                   const std::vector<Sentence>& sentences,
                                   std::string_view document_date);

// The date an event in sentence `sentence` took place, for the event coder:
// the value of the first point-in-time mention (type "date", non-empty
// value) in that sentence, else `document_date`. `dates` is the output of
// FindDates for the same document.
std::string SentenceDate(const std::vector<DateMention>& dates,
                         uint32_t sentence, std::string_view document_date);

}  // namespace entente

#endif  // ENTENTE_TIME_H_
