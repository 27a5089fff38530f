/** Graph bodies for the media the mock lets you queue, so there is always something to cancel. */

export function playPromptBody(clientContext: string) {
  return {
    clientContext,
    prompts: [
      {
        '@odata.type': '#microsoft.graph.mediaPrompt',
        mediaInfo: { '@odata.type': '#microsoft.graph.mediaInfo', uri: 'https://cdn.contoso.example/prompts/please-hold.wav', resourceId: clientContext },
      },
    ],
  };
}

export function recordResponseBody(clientContext: string) {
  return {
    clientContext,
    bargeInAllowed: true,
    initialSilenceTimeoutInSeconds: 5,
    maxSilenceTimeoutInSeconds: 5,
    maxRecordDurationInSeconds: 30,
    playBeep: true,
    stopTones: ['#'],
  };
}
