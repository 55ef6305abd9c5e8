import { localeParts } from './locale-parts.js';

/**
 * Default slang, typo and synonym maps per locale. Keys are lower-case
 * phrases of whole words; values are what the intent model was trained to
 * read (the Bitext vocabulary: order, package, refund, recharge, ...).
 * A site owner's own map merges over these (see `normaliseText`).
 */
export type SynonymMap = Readonly<Record<string, string>>;

/** Every English visitor: contractions typed without apostrophes, chat shorthand, common misspellings. */
const ENGLISH: SynonymMap = {
  cant: "can't",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  isnt: "isn't",
  wasnt: "wasn't",
  arent: "aren't",
  werent: "weren't",
  havent: "haven't",
  hasnt: "hasn't",
  hadnt: "hadn't",
  wont: "won't",
  wouldnt: "wouldn't",
  couldnt: "couldn't",
  shouldnt: "shouldn't",
  aint: "isn't",
  im: "i'm",
  ive: "i've",
  youre: "you're",
  youve: "you've",
  theyre: "they're",
  thats: 'that is',
  whats: 'what is',
  wheres: 'where is',
  "where's": 'where is',
  "what's": 'what is',
  hows: 'how is',
  whens: 'when is',
  whos: 'who is',
  u: 'you',
  ya: 'you',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  plse: 'please',
  pleas: 'please',
  pleaase: 'please',
  pleease: 'please',
  pleeze: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  thanx: 'thanks',
  tnx: 'thanks',
  ty: 'thank you',
  tysm: 'thank you so much',
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'got to',
  dunno: "don't know",
  idk: "i don't know",
  coz: 'because',
  cuz: 'because',
  cos: 'because',
  bc: 'because',
  tho: 'though',
  rn: 'right now',
  asap: 'as soon as possible',
  b4: 'before',
  '2day': 'today',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  ppl: 'people',
  msg: 'message',
  acc: 'account',
  acct: 'account',
  pw: 'password',
  pwd: 'password',
  addy: 'address',
  info: 'information',
  // Typos seen in support queues.
  recieve: 'receive',
  recieved: 'received',
  recived: 'received',
  adress: 'address',
  addres: 'address',
  oder: 'order',
  ordr: 'order',
  odrer: 'order',
  orde: 'order',
  pakage: 'package',
  packge: 'package',
  pacakge: 'package',
  delivary: 'delivery',
  delievery: 'delivery',
  deliverey: 'delivery',
  dilevery: 'delivery',
  delivry: 'delivery',
  cancle: 'cancel',
  cancell: 'cancel',
  cansel: 'cancel',
  acount: 'account',
  accout: 'account',
  accont: 'account',
  pasword: 'password',
  passwrod: 'password',
  passowrd: 'password',
  refnd: 'refund',
  refudn: 'refund',
  reufnd: 'refund',
  payed: 'paid',
  paymnet: 'payment',
  pyament: 'payment',
  subscribtion: 'subscription',
  subcription: 'subscription',
  tommorow: 'tomorrow',
  tomorow: 'tomorrow',
  untill: 'until',
  wierd: 'weird',
  definately: 'definitely',
  seperate: 'separate',
  reciept: 'receipt',
  invoce: 'invoice',
  // Everyday ways of saying the things the intents name.
  'my stuff': 'my order',
  'wheres my stuff': 'where is my order',
  'where is my stuff': 'where is my order',
  'where my stuff at': 'where is my order',
  'top up': 'recharge',
  'top-up': 'recharge',
  topup: 'recharge',
  'topped up': 'recharged',
  'money back': 'refund',
};

/** Britain: "me parcel", "quid", "dispatched", "basket", "postcode". */
const BRITISH: SynonymMap = {
  'me parcel': 'my package',
  'me order': 'my order',
  'me stuff': 'my order',
  'me money': 'my money',
  'me account': 'my account',
  parcel: 'package',
  parcels: 'packages',
  quid: 'pounds',
  dispatched: 'shipped',
  despatched: 'shipped',
  dispatch: 'shipping',
  postage: 'shipping',
  basket: 'cart',
  postcode: 'zip code',
  'post code': 'zip code',
  mobile: 'phone',
  'mobile number': 'phone number',
  courier: 'delivery driver',
  cheers: 'thanks',
  ta: 'thanks',
  hiya: 'hi',
  'cheers mate': 'thanks',
};

/** Australia: British spelling plus "arvo", "trolley", "heaps". */
const AUSTRALIAN: SynonymMap = {
  ...BRITISH,
  arvo: 'afternoon',
  trolley: 'cart',
  heaps: 'lots',
  reckon: 'think',
  servo: 'petrol station',
  'no worries': 'ok',
  'g\'day': 'hi',
  gday: 'hi',
};

/** United States: "cell", "y'all", "bucks". */
const AMERICAN: SynonymMap = {
  cell: 'phone',
  'cell phone': 'phone',
  'cell number': 'phone number',
  "y'all": 'you',
  yall: 'you',
  bucks: 'dollars',
  zip: 'zip code',
};

const REGIONS: Readonly<Record<string, SynonymMap>> = {
  GB: BRITISH,
  UK: BRITISH,
  IE: BRITISH,
  NZ: AUSTRALIAN,
  AU: AUSTRALIAN,
  US: AMERICAN,
  CA: AMERICAN,
};

/**
 * The default map for a BCP 47 locale. English without a region ("en" or no
 * locale) gets every English region's words, since a shop rarely knows where
 * a visitor learned to say "parcel". Other languages get no default map.
 */
export function defaultSynonyms(locale = 'en'): SynonymMap {
  const { language, region } = localeParts(locale);
  if (language !== 'en') return {};
  const regional = REGIONS[region];
  if (regional) return { ...ENGLISH, ...regional };
  return { ...ENGLISH, ...AMERICAN, ...AUSTRALIAN };
}
