/**
 * Word valence from -4 (worst) to +4 (best), kept to the words support chats
 * actually use so it stays small enough to ship. Multi-word entries are
 * matched before single words.
 */
export const WORD_VALENCE: Readonly<Record<string, number>> = {
  // Positive
  good: 1.9, great: 3.1, excellent: 3.2, amazing: 3.1, awesome: 3.1, brilliant: 3.0, fantastic: 3.2, perfect: 3.0,
  wonderful: 3.1, lovely: 2.8, love: 3.0, loved: 2.9, loving: 2.5, nice: 1.8, happy: 2.7, glad: 2.0, pleased: 2.2,
  thanks: 1.9, thank: 1.6, thx: 1.6, cheers: 1.5, appreciate: 2.0, appreciated: 2.0, helpful: 2.0, quick: 0.5,
  fast: 1.2, easy: 1.6, smooth: 1.5, superb: 3.0, best: 3.0, better: 1.5, fine: 0.6, ok: 0.3, okay: 0.3, cool: 1.3,
  legend: 2.8, legends: 2.8, star: 2.0, sorted: 1.8, resolved: 1.8, fixed: 1.5, works: 1.0, working: 0.8,
  satisfied: 2.0, impressed: 2.5, delighted: 3.0, stoked: 2.8, chuffed: 2.8, ace: 2.4, grand: 1.5, kind: 1.8,
  friendly: 2.0, quickly: 1.0, recommend: 2.0, beautiful: 2.9, gorgeous: 2.9, pleasure: 2.5, yay: 2.4, woohoo: 2.6,
  gracias: 1.9, merci: 1.9, danke: 1.9, grazie: 1.9, obrigado: 1.9, genial: 2.5, super: 2.5, excelente: 3.0, parfait: 3.0,
  // Negative
  bad: -2.5, terrible: -3.1, awful: -3.1, horrible: -3.1, horrendous: -3.3, dreadful: -3.0, appalling: -3.3,
  atrocious: -3.3, disgusting: -3.2, disgraceful: -3.2, disgrace: -3.1, shocking: -2.7, pathetic: -3.0, useless: -2.8,
  rubbish: -2.6, crap: -2.8, crappy: -2.8, shit: -3.0, shite: -3.0, shitty: -3.0, garbage: -2.9, trash: -2.6,
  worst: -3.4, worse: -2.3, poor: -2.1, hate: -3.0, hated: -3.0, angry: -2.9, furious: -3.4, livid: -3.4, fuming: -3.2,
  annoyed: -2.2, annoying: -2.2, irritated: -2.2, frustrated: -2.6, frustrating: -2.6, upset: -2.4, disappointed: -2.5,
  disappointing: -2.5, gutted: -2.5, sad: -2.1, unhappy: -2.4, ridiculous: -2.7, absurd: -2.4, unacceptable: -3.0,
  outrageous: -3.0, incompetent: -3.0, incompetence: -3.0, joke: -1.6, scam: -3.3, scammed: -3.3, fraud: -3.0,
  ripoff: -3.0, broken: -2.0, damaged: -2.1, smashed: -2.3, faulty: -2.2, wrong: -1.9, missing: -1.8, lost: -1.8,
  late: -1.5, delayed: -1.6, delay: -1.4, delays: -1.5, slow: -1.6, problem: -1.6, problems: -1.6, issue: -1.1,
  issues: -1.2, error: -1.6, fail: -2.0, failed: -2.1, fails: -2.0, failure: -2.2, never: -0.8, nightmare: -3.0,
  mess: -2.2, shambles: -3.0, hopeless: -2.8, ignored: -2.4, ignoring: -2.4, waste: -2.4, wasted: -2.4, stuck: -1.6,
  confused: -1.2, confusing: -1.5, worried: -1.8, concerned: -1.4, sucks: -2.8, sucked: -2.8, lousy: -2.6, meh: -1.0,
  unhelpful: -2.4, rude: -2.7, liar: -3.0, lies: -2.8, lied: -2.8, stolen: -2.9, cheated: -3.0, nonsense: -2.4,
  bloody: -1.2, damn: -1.6, dammit: -2.0, wtf: -3.0, ffs: -3.0, fuck: -3.4, fucking: -3.0, bullshit: -3.2, sick: -1.6,
  fed: -0.5, tired: -1.4, ugh: -2.0, argh: -2.2, seriously: -0.8, unbelievable: -2.0, whatever: -1.0, silly: -1.2, erroring: -1.6, glitching: -1.6, pissed: -3.0, mad: -2.2,
  disaster: -3.0, broke: -1.9, crashed: -1.9, crashing: -1.9, crashes: -1.8, crushed: -2.0, soaked: -1.8,
  declined: -1.5, mistake: -1.6, cracked: -2.0, leaking: -1.9, ripped: -1.9, torn: -1.8, scratched: -1.7, dented: -1.7,
  stained: -1.7, expired: -1.2, defective: -2.2, unusable: -2.6, incorrect: -1.6, annoyingly: -1.8, bizarre: -1.2,
  charged: -0.6, overcharged: -2.6, refused: -1.8, cancelled: -1.0, sorry: -0.3, unfortunately: -1.2, sadly: -1.4,
  malo: -2.5, nul: -2.6, schlecht: -2.5, pessimo: -3.0, pésimo: -3.0,
};

/** Multi-word expressions whose meaning is not the sum of their words. */
export const PHRASE_VALENCE: Readonly<Record<string, number>> = {
  'thank you': 2.0,
  'thanks a lot': 2.2,
  'thanks so much': 2.6,
  'thank you so much': 2.8,
  'much appreciated': 2.4,
  'well done': 2.4,
  'spot on': 2.4,
  'no worries': 1.0,
  'ok thanks': 0.5,
  'okay thanks': 0.5,
  'ok thank you': 0.5,
  'i guess': -0.4,
  'not for me': -1.4,
  'no big deal': 0.3,
  'no problem': 1.0,
  'not bad': 0.6,
  'not too bad': 0.6,
  'fed up': -2.7,
  'sick of': -2.8,
  'sick and tired': -3.0,
  'had enough': -2.8,
  'rip off': -3.0,
  'waste of time': -2.8,
  'waste of money': -2.8,
  'not good enough': -2.6,
  'not happy': -2.4,
  'let down': -2.3,
  'fobbed off': -2.6,
  'messed up': -2.4,
  'screwed up': -2.6,
  'piece of junk': -3.0,
  'still waiting': -1.8,
  'still not': -1.6,
  'still no': -1.6,
  'no one': -1.0,
  'nobody': -1.0,
  'over it': -2.0,
  'going round in circles': -2.6,
  'a joke': -2.4,
  'what a joke': -2.8,
  'lost cause': -2.6,
  'no help': -2.4,
  'zero help': -2.8,
  'at all': 0,
  'good morning': 0,
  'good afternoon': 0,
  'good evening': 0,
  'good day': 0,
  'good night': 0,
  'hurry up': -1.0,
  'locked out': -1.6,
};

/**
 * Reports of something gone wrong carry no emotional word ("it never
 * arrived", "the app won't let me log in") yet are complaints all the same.
 */
export const COMPLAINT_PATTERNS: ReadonlyArray<readonly [RegExp, number]> = [
  [/\b(?:haven'?t|hasn'?t|didn'?t|have not|has not|did not|never|still not|not yet)\s+(?:been\s+)?(?:received|arrived|come|turned up|shown up|updated|shipped|delivered|got|gotten|heard|had|refunded|processed|responded|replied)\b/i, -1.6],
  [/\b(?:doesn'?t|does not|don'?t|do not|won'?t|will not|isn'?t|is not|not|can'?t|cannot|couldn'?t|stopped)\s+(?:seem to\s+)?(?:work|working|load|loading|open|let me|turn on|charge|fit|go through)\b/i, -1.5],
  [/\bkeeps?\s+(?:crashing|failing|freezing|erroring|glitching|timing out|bouncing|logging me out|declining|breaking|happening|getting declined|saying)\b/i, -1.5],
  [/\b(?:can'?t|cannot|couldn'?t|unable to|won'?t let me)\s+(?:log ?in|sign ?in|access|check ?out|pay|order|find|track)\b|\bdidn'?t\s+go\s+(?:through|thru)\b/i, -1.4],
  [/\b(?:way|far|much|a bit|slightly)?\s*too\s+(?:long|short|big|small|tight|loose|expensive|slow|late|thin|heavy)\b/i, -1.2],
  [/\b(?:heard|got)\s+nothing\b|\bno\s+(?:word|reply|response|answer|update)s?\b|\bsomeone\s+else'?s\s+(?:order|parcel|package|item)\b/i, -1.5],
  [/\b(?:been|sat|stuck|sitting|waiting)\b[^.!?]{0,30}\b(?:for\s+(?:\d+|two|three|four|five|several)\s+(?:days|weeks|months)|all\s+(?:day|week|month))\b/i, -1.4],
  [/\bfor\s+the\s+(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth)\s+(?:day|week|time)(?:\s+(?:running|in a row))?\b|\b(?:day|week)s?\s+(?:running|in a row)\b/i, -1.5],
  [/\bmoney\s+(?:is\s+)?(?:gone|missing|taken)\b/i, -1.6],
  [/\b(?:it'?s|is|was)\s+not\s+here\b|\bnot\s+(?:arrived|here yet)\b|\bnever\s+(?:arrived|came|turned up)\b/i, -1.6],
  [/\bnot\s+what\s+i\s+(?:asked|ordered|expected|wanted|paid for)\b|\bdoesn'?t\s+answer\b|\bnot\s+right\b/i, -1.4],
  [/\bonly\s+(?:got|received|came with)\b|\bmissing\s+(?:item|items|parts?|pieces?)\b/i, -1.3],
  [/\b(?:charged|billed)\s+(?:me\s+)?(?:twice|double|three times|again|the wrong)\b|\bmoney\s+(?:left|taken from|came out of)\b/i, -1.8],
  [/\bit'?s\s+been\s+(?:a\s+)?(?:week|weeks|month|months|days|ages|forever)\b|\bfor\s+(?:weeks|ages|months)\b/i, -1.4],
];

/** Words that scale the next sentiment word. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  very: 0.3, really: 0.3, so: 0.3, extremely: 0.45, incredibly: 0.45, absolutely: 0.4, totally: 0.35, completely: 0.35,
  utterly: 0.45, truly: 0.3, super: 0.3, well: 0.15, bloody: 0.35, fucking: 0.45, damn: 0.3, most: 0.3, such: 0.25,
  too: 0.2, beyond: 0.35, seriously: 0.3, genuinely: 0.3, properly: 0.25, massively: 0.4, hugely: 0.4,
  slightly: -0.3, somewhat: -0.25, kinda: -0.25, 'kind of': -0.25, 'a bit': -0.25, 'a little': -0.25, barely: -0.35,
  fairly: -0.15, pretty: 0.1, quite: 0.05, rather: -0.1,
};

/** Negators flip the next few words. */
export const NEGATORS = new Set([
  'not', 'no', 'never', 'none', 'nothing', 'nowhere', 'neither', 'nor', 'without', 'hardly', 'barely', 'cannot',
  "can't", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "wouldn't", "couldn't",
  "shouldn't", "haven't", "hasn't", "hadn't", "ain't", 'cant', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'wont',
]);

/** Emoji valence; skin tones and variation selectors are stripped before lookup. */
export const EMOJI_VALENCE: Readonly<Record<string, number>> = {
  '😀': 2.2, '😃': 2.2, '😄': 2.4, '😁': 2.3, '😊': 2.4, '🙂': 1.4, '😍': 3.0, '🥰': 3.0, '😘': 2.4, '🤩': 2.8,
  '😎': 1.8, '👍': 2.0, '👌': 1.8, '🙏': 0.8, '❤': 2.8, '❤️': 2.8, '💕': 2.6, '💖': 2.6, '🎉': 2.6, '🥳': 2.7,
  '✅': 1.2, '💯': 2.2, '👏': 2.2, '🙌': 2.4, '😂': 1.2, '🤣': 1.2, '😅': 0.4, '😉': 1.0, '⭐': 1.6, '🌟': 1.8,
  '😐': -0.4, '😑': -0.8, '😕': -1.4, '🙁': -1.8, '☹': -2.0, '☹️': -2.0, '😟': -1.8, '😞': -2.2, '😔': -1.8,
  '😢': -2.2, '😭': -2.6, '😩': -2.6, '😫': -2.6, '😤': -2.7, '😠': -3.0, '😡': -3.2, '🤬': -3.5, '💢': -2.6,
  '👎': -2.4, '🙄': -2.2, '😒': -2.2, '🤦': -2.2, '🤦‍♀️': -2.2, '🤦‍♂️': -2.2, '😖': -2.3, '😣': -2.0, '😱': -2.0,
  '🖕': -3.5, '💩': -2.6, '😬': -1.0, '🤡': -2.0, '😪': -1.4, '😓': -1.6, '😿': -2.0, '🤯': -1.8, '❌': -1.4,
};
