// The conformance scenario of the AWS SDK for Go v2 against `python -m smsvoice_mock serve`.
// Usage: scenario ENDPOINT_URL (built by tests/server/test_clients.py with Debian's packaged SDK,
// in GOPATH mode: GOPATH=/usr/share/gocode GO111MODULE=off go build -o DIR/scenario scenario.go).
// Prints one JSON line with what the SDK saw; exits non-zero when a step does not behave as AWS does.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	sms "github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2"
	"github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2/types"
	"github.com/aws/smithy-go"
)

const customer = "+14254147755"

func fail(step string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", step, err)
	os.Exit(1)
}

func main() {
	endpoint := os.Args[1]
	ctx := context.Background()
	// The packaged SDK predates BaseEndpoint: the endpoint comes from a resolver of one URL.
	client := sms.New(sms.Options{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		EndpointResolver: sms.EndpointResolverFromURL(endpoint),
		RetryMaxAttempts: 1,
	})

	number, err := client.RequestPhoneNumber(ctx, &sms.RequestPhoneNumberInput{
		IsoCountryCode:     aws.String("US"),
		MessageType:        types.MessageTypeTransactional,
		NumberCapabilities: []types.NumberCapability{types.NumberCapabilitySms},
		NumberType:         types.RequestableNumberType("SIMULATOR"), // newer than the packaged enum
	})
	if err != nil {
		fail("RequestPhoneNumber", err)
	}
	keyword, err := client.PutKeyword(ctx, &sms.PutKeywordInput{
		OriginationIdentity: number.PhoneNumberId,
		Keyword:             aws.String("HOURS"),
		KeywordMessage:      aws.String("We are open 9-5."),
	})
	if err != nil {
		fail("PutKeyword", err)
	}
	for _, word := range []string{"PRICES", "RSVP"} {
		_, err := client.PutKeyword(ctx, &sms.PutKeywordInput{
			OriginationIdentity: number.PhoneNumberId,
			Keyword:             aws.String(word),
			KeywordMessage:      aws.String(word + " noted."),
		})
		if err != nil {
			fail("PutKeyword "+word, err)
		}
	}
	// Two keywords a page: the paginator follows NextToken until the server leaves it out.
	pages, keywords := 0, []string{}
	paginator := sms.NewDescribeKeywordsPaginator(client, &sms.DescribeKeywordsInput{
		OriginationIdentity: number.PhoneNumberId,
		MaxResults:          aws.Int32(2),
	})
	for paginator.HasMorePages() {
		page, err := paginator.NextPage(ctx)
		if err != nil {
			fail("DescribeKeywords", err)
		}
		pages++
		if len(page.Keywords) > 2 {
			fail("DescribeKeywords", fmt.Errorf("%d keywords on a page of 2", len(page.Keywords)))
		}
		for _, information := range page.Keywords {
			keywords = append(keywords, aws.ToString(information.Keyword))
		}
	}

	sent, err := client.SendTextMessage(ctx, &sms.SendTextMessageInput{
		DestinationPhoneNumber: aws.String(customer),
		OriginationIdentity:    number.PhoneNumber,
		MessageBody:            aws.String("Your order has shipped."),
	})
	if err != nil {
		fail("SendTextMessage", err)
	}

	body, _ := json.Marshal(map[string]string{
		"destination_number": aws.ToString(number.PhoneNumber),
		"origination_number": customer,
		"message_body":       "STOP",
	})
	answer, err := http.Post(endpoint+"/_smsvoice/inbound", "application/json", bytes.NewReader(body))
	if err != nil {
		fail("POST /_smsvoice/inbound", err)
	}
	var inbound struct {
		Action   string `json:"action"`
		OptedOut bool   `json:"opted_out"`
	}
	err = json.NewDecoder(answer.Body).Decode(&inbound)
	answer.Body.Close()
	if err != nil {
		fail("POST /_smsvoice/inbound", err)
	}

	var refusal map[string]any
	_, err = client.SendTextMessage(ctx, &sms.SendTextMessageInput{
		DestinationPhoneNumber: aws.String(customer),
		OriginationIdentity:    number.PhoneNumber,
		MessageBody:            aws.String("Sale!"),
	})
	if err != nil {
		var conflict *types.ConflictException
		var api smithy.APIError
		var response *awshttp.ResponseError
		refusal = map[string]any{"typed": errors.As(err, &conflict)}
		if conflict != nil {
			refusal["reason"] = string(conflict.Reason)
			refusal["message"] = conflict.ErrorMessage()
		}
		if errors.As(err, &api) {
			refusal["code"] = api.ErrorCode()
			refusal["fault"] = api.ErrorFault().String()
		}
		if errors.As(err, &response) {
			refusal["status"] = response.HTTPStatusCode()
			refusal["requestId"] = response.ServiceRequestID()
		}
	}

	var optedOut []string
	listed, err := client.DescribeOptedOutNumbers(ctx, &sms.DescribeOptedOutNumbersInput{
		OptOutListName: number.OptOutListName,
	})
	if err != nil {
		fail("DescribeOptedOutNumbers", err)
	}
	for _, entry := range listed.OptedOutNumbers {
		optedOut = append(optedOut, aws.ToString(entry.OptedOutNumber))
	}

	seen := map[string]any{
		"number": map[string]any{
			"id":            aws.ToString(number.PhoneNumberId),
			"type":          string(number.NumberType),
			"createdIsTime": number.CreatedTimestamp != nil && !number.CreatedTimestamp.IsZero(),
			"optOutList":    aws.ToString(number.OptOutListName),
		},
		"keyword":   map[string]string{"keyword": aws.ToString(keyword.Keyword), "action": string(keyword.KeywordAction)},
		"keywords":  map[string]any{"pages": pages, "names": keywords},
		"messageId": aws.ToString(sent.MessageId),
		"inbound":   map[string]any{"action": inbound.Action, "optedOut": inbound.OptedOut},
		"refusal":   refusal,
		"optedOut":  optedOut,
	}
	out, _ := json.Marshal(seen)
	fmt.Println(string(out))
	if refusal == nil || refusal["reason"] != "DESTINATION_PHONE_NUMBER_OPTED_OUT" {
		os.Exit(1)
	}
}
