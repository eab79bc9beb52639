// The conformance scenario of the AWS SDK for JavaScript v3 against `python -m smsvoice_mock serve`.
// Usage: node scenario.mjs ENDPOINT_URL
// Prints one JSON line with what the SDK saw; exits non-zero when a step does not behave as AWS does.
import {
  ConflictException,
  PinpointSMSVoiceV2Client,
  PutKeywordCommand,
  RequestPhoneNumberCommand,
  SendTextMessageCommand,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";

const endpoint = process.argv[2];
const CUSTOMER = "+14254147755";
const client = new PinpointSMSVoiceV2Client({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  maxAttempts: 1,
});

const number = await client.send(
  new RequestPhoneNumberCommand({
    IsoCountryCode: "US",
    MessageType: "TRANSACTIONAL",
    NumberCapabilities: ["SMS"],
    NumberType: "SIMULATOR",
  }),
);
const keyword = await client.send(
  new PutKeywordCommand({
    OriginationIdentity: number.PhoneNumberId,
    Keyword: "HOURS",
    KeywordMessage: "We are open 9-5.",
  }),
);
const sent = await client.send(
  new SendTextMessageCommand({
    DestinationPhoneNumber: CUSTOMER,
    OriginationIdentity: number.PhoneNumber,
    MessageBody: "Your order has shipped.",
  }),
);
const inbound = await fetch(`${endpoint}/_smsvoice/inbound`, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({
    destination_number: number.PhoneNumber,
    origination_number: CUSTOMER,
    message_body: "STOP",
  }),
}).then((answer) => answer.json());

let refusal = null;
try {
  await client.send(
    new SendTextMessageCommand({
      DestinationPhoneNumber: CUSTOMER,
      OriginationIdentity: number.PhoneNumber,
      MessageBody: "Sale!",
    }),
  );
} catch (error) {
  refusal = {
    typed: error instanceof ConflictException,
    name: error.name,
    reason: error.Reason,
    status: error.$metadata?.httpStatusCode,
    requestId: error.$metadata?.requestId,
  };
}
console.log(
  JSON.stringify({
    number: { id: number.PhoneNumberId, type: number.NumberType, createdIsDate: number.CreatedTimestamp instanceof Date },
    keyword: { keyword: keyword.Keyword, action: keyword.KeywordAction },
    messageId: sent.MessageId,
    inbound: { action: inbound.action, optedOut: inbound.opted_out },
    refusal,
  }),
);
process.exit(refusal?.typed && refusal.reason === "DESTINATION_PHONE_NUMBER_OPTED_OUT" ? 0 : 1);
