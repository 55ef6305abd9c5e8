import type { FrustrationSignalKind } from '../../../protocol/understanding.js';

/**
 * Phrases that show a visitor losing patience, by signal kind, with how much
 * each adds to frustration (0..1). Matched case-insensitively as whole words
 * (scripts without spaces as plain substrings), any run of spaces between words.
 */
export type PhraseList = ReadonlyArray<readonly [phrase: string, weight: number]>;

export const NEGATIVE_PHRASES: PhraseList = [
  ['unacceptable', 0.55], ['ridiculous', 0.4], ['absurd', 0.35], ['useless', 0.4], ['terrible', 0.35], ['awful', 0.35],
  ['horrendous', 0.4], ['appalling', 0.55], ['atrocious', 0.55], ['disgusting', 0.55], ['disgraceful', 0.55],
  ['disgrace', 0.55], ['shocking', 0.35], ['pathetic', 0.55], ['worst', 0.4], ['rubbish', 0.35], ['garbage', 0.4],
  ['joke', 0.3], ['a joke', 0.4], ['scam', 0.55], ['scammed', 0.55], ['rip off', 0.45], ['ripoff', 0.45], ['fraud', 0.4],
  ['incompetent', 0.55], ['incompetence', 0.55], ['shambles', 0.55], ['nightmare', 0.35], ['hopeless', 0.35],
  ['fed up', 0.55], ['sick of', 0.55], ['sick and tired', 0.55], ['had enough', 0.55], ['over it', 0.3],
  ['waste of time', 0.55], ['waste of money', 0.4], ['not good enough', 0.55], ['not acceptable', 0.55],
  ['not happy', 0.3], ['very unhappy', 0.35], ['disappointed', 0.25], ['let down', 0.3], ['fobbed off', 0.4],
  ['furious', 0.55], ['livid', 0.55], ['fuming', 0.55], ['angry', 0.4], ['annoyed', 0.3], ['frustrated', 0.35],
  ['frustrating', 0.35], ['still waiting', 0.3], ['still not', 0.25], ['still no', 0.25], ['still nothing', 0.35],
  ['no one has', 0.3], ['nobody has', 0.3], ['nobody is', 0.25], ['no response', 0.3], ['no reply', 0.3],
  ['ignored', 0.35], ['ignoring me', 0.4], ['going round in circles', 0.55], ['round in circles', 0.55],
  ['chasing', 0.2], ['wtf', 0.55], ['ffs', 0.55], ['for fucks sake', 0.55], ["for god's sake", 0.4], ['for gods sake', 0.4],
  ['bullshit', 0.55], ['pissed off', 0.55], ['rude', 0.3], ['liar', 0.45], ['lying', 0.35], ['stolen', 0.35],
  ['unbelievable', 0.3], ['seriously?', 0.3], ['are you serious', 0.35], ['are you kidding', 0.4], ['this is a joke', 0.55],
  ['never again', 0.4], ['beyond a joke', 0.55], ['disaster', 0.5], ['anyone there', 0.3], ['is anyone there', 0.35], ['anyone actually reading', 0.5], ['anyone reading', 0.45],
  ['is anybody there', 0.35], ['hurry up', 0.3], ['times already', 0.45], ['three times', 0.35], ['several times', 0.3],
  ['multiple times', 0.3], ['day running', 0.4], ['days running', 0.4], ['in a row', 0.2],
  ["it's been days", 0.35], ["it's been weeks", 0.45], ["it's been a week", 0.35], ["it's been a month", 0.45], ['automated reply', 0.3], ['every time', 0.15], ['yet again', 0.3], ['once again', 0.2], ['how many times', 0.55],
  ['how hard can it be', 0.4], ['how hard is it', 0.4], ['not impressed', 0.3], ['no help', 0.3], ['unhelpful', 0.35],
  ['inacceptable', 0.55], ['inaceptable', 0.55], ['vergonzoso', 0.55], ['una vergüenza', 0.55], ['harto', 0.55],
  ['harta', 0.55], ["c'est inadmissible", 0.55], ['inadmissible', 0.55], ['ras le bol', 0.55], ['unverschämt', 0.55],
  ['frechheit', 0.55], ['inaccettabile', 0.55], ['vergogna', 0.4], ['inaceitável', 0.55], ['absurdo', 0.4],
];

export const LEGAL_THREATS: PhraseList = [
  ['sue', 0.8], ['sue you', 0.85], ['suing', 0.8], ['lawsuit', 0.8], ['lawyer', 0.8], ['lawyers', 0.8], ['solicitor', 0.8],
  ['solicitors', 0.8], ['attorney', 0.8], ['legal action', 0.85], ['take legal', 0.8], ['court', 0.6],
  ['small claims', 0.8], ['ombudsman', 0.8], ['trading standards', 0.8], ['chargeback', 0.7], ['charge back', 0.7],
  ['dispute the charge', 0.65], ['dispute with my bank', 0.65], ['report you', 0.55], ['better business bureau', 0.7],
  ['bbb', 0.6], ['ftc', 0.6], ['accc', 0.7], ['fair trading', 0.7], ['consumer affairs', 0.65], ['consumer rights act', 0.6],
  ['citizens advice', 0.6], ['abogado', 0.8], ['demandar', 0.8], ['denuncia', 0.7], ['avocat', 0.8], ['porter plainte', 0.8],
  ['anwalt', 0.8], ['verklagen', 0.8], ['avvocato', 0.8], ['advogado', 0.8], ['processar', 0.7],
  ['محامي', 0.8], ['محكمة', 0.7], ['עורך דין', 0.8], ['адвокат', 0.8], ['律师', 0.8], ['弁護士', 0.8],
];

export const CANCELLATION_THREATS: PhraseList = [
  // Asking to cancel is a request (an intent), not a threat; these say it as leverage.
  ['cancel everything', 0.5], ["i'm cancelling", 0.5], ['im cancelling', 0.5], ["i'm canceling", 0.5], ['i will cancel', 0.5],
  ["i'll cancel", 0.5], ['going to cancel', 0.45], ['gonna cancel', 0.45], ['or i cancel', 0.5], ['or i will cancel', 0.5],
  ['otherwise i will cancel', 0.5], ['taking my business elsewhere', 0.55], ['take my business elsewhere', 0.55],
  ['take my money elsewhere', 0.55], ['shop elsewhere', 0.45], ['going elsewhere', 0.45], ['never order from you again', 0.55],
  ['never ordering from you again', 0.55], ['never shop here again', 0.55], ['never shopping here again', 0.55],
  ['never buy from you again', 0.55], ['never buying from you again', 0.55], ['never use you again', 0.55],
  ['never using you again', 0.55], ['last time i order', 0.5], ['lost a customer', 0.55], ['switching to', 0.35],
  ['moving to a competitor', 0.5], ['go to a competitor', 0.5], ['leaving you', 0.4], ["i'm done with you", 0.5],
  ['done with this company', 0.5], ['one star review', 0.45], ['1 star review', 0.45], ['bad review', 0.4],
  ['leave a review', 0.2], ['tell everyone', 0.35], ['dar de baja', 0.45], ['darme de baja', 0.45], ['résilier', 0.45],
  ['kündigen', 0.45], ['disdire', 0.45], ['cancelar mi cuenta', 0.45], ['cancelar a assinatura', 0.45],
];

export const PASSIVE_AGGRESSIVE: PhraseList = [
  ['as per my last message', 0.55], ['as per my last email', 0.55], ['as per my previous message', 0.55],
  ['as per my previous email', 0.55], ['per my last email', 0.55], ['per my previous email', 0.55],
  ['per my last message', 0.55], ['as i said', 0.3], ['as i already said', 0.4], ['as i have already said', 0.4],
  ["as i've already said", 0.4], ['as i mentioned', 0.3], ['as i already mentioned', 0.4], ['as previously mentioned', 0.35],
  ['as previously stated', 0.4], ['as stated', 0.25], ['i already told you', 0.55], ["i've already told you", 0.45],
  ['i have already told you', 0.55], ["i've already explained", 0.45], ['i already explained', 0.55],
  ['i have already explained', 0.55], ["i've told you", 0.35], ['i told you', 0.3], ['for the third time', 0.55],
  ['for the fourth time', 0.55], ['for the fifth time', 0.55], ['for the hundredth time', 0.55], ['for the last time', 0.45],
  ['for the nth time', 0.55], ['third time', 0.45], ['fourth time', 0.5], ['fifth time', 0.55],
  ['read my previous message', 0.5], ['read my last message', 0.5], ['in my previous message', 0.45],
  ['in my last message', 0.45], ['in my previous email', 0.45], ['in my last email', 0.45], ['did you even read', 0.55], ['did you read my', 0.4], ['read my message', 0.35],
  ['please read my', 0.5], ['kindly refer to', 0.35], ['not sure if you saw', 0.3], ['just following up again', 0.35],
  ['following up again', 0.3], ['friendly reminder', 0.25], ['still waiting for a reply', 0.55],
  ['thanks in advance for actually', 0.55], ['i shouldn\'t have to', 0.4], ['i should not have to', 0.4],
  ['why do i have to', 0.3], ['repeat myself', 0.55], ['repeating myself', 0.55], ['once again', 0.15],
];

/** Asking for a person: the escalation policy hands over at once on this kind. */
export const HUMAN_REQUESTS: PhraseList = [
  ['talk to a human', 0.6], ['speak to a human', 0.6], ['chat to a human', 0.6], ['chat with a human', 0.6],
  ['talk to a person', 0.6], ['speak to a person', 0.6], ['talk with a person', 0.6], ['speak with a person', 0.6],
  ['talk to someone', 0.55], ['speak to someone', 0.55], ['speak with someone', 0.55], ['talk with someone', 0.55],
  ['talk to a real', 0.6], ['speak to a real', 0.6], ['real person', 0.6], ['real human', 0.6], ['actual person', 0.6],
  ['actual human', 0.6], ['live person', 0.6], ['live agent', 0.6], ['human agent', 0.6], ['human being', 0.55],
  ['human please', 0.6], ['a human', 0.45], ['agent please', 0.6], ['an agent', 0.45], ['speak to an agent', 0.6],
  ['talk to an agent', 0.6], ['speak to a manager', 0.6], ['talk to a manager', 0.6], ['speak to your manager', 0.6],
  ['speak to a supervisor', 0.6], ['speak to someone in charge', 0.6], ['customer service representative', 0.55],
  ['representative', 0.5], ['transfer me', 0.55], ['put me through', 0.55], ['connect me to', 0.5],
  ['get me a person', 0.6], ['get me someone', 0.6], ['get me a human', 0.6], ['get me a manager', 0.6],
  ['get me an agent', 0.6], ['give me a human', 0.6], ['give me a person', 0.6], ['stop the bot', 0.55], ['not a bot', 0.55], ['no more bot', 0.55],
  ['no bots', 0.55], ['are you a bot', 0.35], ['are you a robot', 0.35], ['are you real', 0.3], ['call me back', 0.45],
  ['hablar con una persona', 0.6], ['hablar con un humano', 0.6], ['hablar con un agente', 0.6], ['persona real', 0.6],
  ['agente humano', 0.6], ['quiero hablar con alguien', 0.6], ['hablar con alguien', 0.55], ['hablar con un asesor', 0.6],
  ['parler à un humain', 0.6], ['parler a un humain', 0.6], ['parler à une personne', 0.6], ['parler à quelqu\'un', 0.55],
  ['parler à un conseiller', 0.6], ['parler à un agent', 0.6], ['un vrai humain', 0.6], ['une vraie personne', 0.6],
  ['mit einem menschen sprechen', 0.6], ['mit einem menschen', 0.6], ['echten menschen', 0.6], ['mit einem mitarbeiter', 0.6],
  ['einen mitarbeiter', 0.55], ['mitarbeiter sprechen', 0.6], ['operatore', 0.6], ['parlare con una persona', 0.6],
  ['parlare con un operatore', 0.6], ['persona reale', 0.6], ['falar com um atendente', 0.6], ['falar com uma pessoa', 0.6],
  ['falar com um humano', 0.6], ['atendente humano', 0.6], ['met een mens', 0.6], ['een medewerker', 0.55],
  ['medewerker spreken', 0.6], ['konsultant', 0.5], ['müşteri temsilcisi', 0.6],
  ['أريد التحدث مع شخص', 0.6], ['التحدث مع شخص', 0.6], ['التحدث مع موظف', 0.6], ['موظف خدمة العملاء', 0.6],
  ['شخص حقيقي', 0.6], ['انسان حقيقي', 0.6], ['إنسان حقيقي', 0.6], ['لو سمحت موظف', 0.6],
  ['נציג אנושי', 0.6], ['לדבר עם נציג', 0.6], ['נציג', 0.5], ['живой человек', 0.6], ['живым человеком', 0.6],
  ['соедините с оператором', 0.6], ['с оператором', 0.55], ['转人工', 0.6], ['人工客服', 0.6],
  ['人工服务', 0.6], ['真人', 0.55], ['オペレーター', 0.6], ['担当者', 0.55], ['상담원', 0.6],
];

export const PHRASES_BY_KIND: ReadonlyArray<readonly [FrustrationSignalKind, PhraseList]> = [
  ['legal-threat', LEGAL_THREATS],
  ['human-request', HUMAN_REQUESTS],
  ['cancellation-threat', CANCELLATION_THREATS],
  ['passive-aggressive', PASSIVE_AGGRESSIVE],
  ['negative-phrase', NEGATIVE_PHRASES],
];
