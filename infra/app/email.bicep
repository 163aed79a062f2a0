// Communication Services Email. An Azure-managed domain (<guid>.azurecomm.net, sender DoNotReply) is
// always created: it needs no DNS and works at once. A custom domain is created when one is named;
// it is linked to the Communication Services resource, and becomes the sender, only once its DNS
// records have been verified (emailCustomDomainVerified), because an unverified domain cannot send.
// The app sends with its managed identity: Communication Services access keys are disabled.

@description('Name of the Communication Services resource.')
param communicationServiceName string

@description('Name of the Email Communication Service resource.')
param emailServiceName string

@description('Where email data is kept at rest, e.g. "United States", "Europe".')
param dataLocation string

param tags object = {}

@description('Custom sender domain, e.g. "petitions.example.org"; empty for the Azure-managed domain only.')
param customDomain string = ''

@description('True once the custom domain\'s DNS records (see the emailDomainVerificationRecords output) are verified in the portal.')
param customDomainVerified bool = false

@description('Sender user name on the custom domain (the part before @).')
param senderUsername string = 'DoNotReply'

@description('Sender display name on the custom domain.')
param senderDisplayName string = 'Petitions'

var hasCustomDomain = !empty(customDomain)
var sendFromCustomDomain = hasCustomDomain && customDomainVerified

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    // No tracking links or pixels in the emails.
    userEngagementTracking: 'Disabled'
  }
}

resource customEmailDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = if (hasCustomDomain) {
  parent: emailService
  name: hasCustomDomain ? customDomain : 'none'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource customSender 'Microsoft.Communication/emailServices/domains/senderUsernames@2025-05-01' = if (hasCustomDomain) {
  parent: customEmailDomain
  name: toLower(senderUsername)
  properties: {
    username: senderUsername
    displayName: senderDisplayName
  }
}

resource communication 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    // Access keys (and connection strings) off: the app signs in with its managed identity.
    disableLocalAuth: true
    linkedDomains: sendFromCustomDomain ? [managedDomain.id, customEmailDomain.id] : [managedDomain.id]
  }
}

var managedSender = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'

output communicationServiceName string = communication.name
output endpoint string = 'https://${communication.properties.hostName}'
output senderAddress string = sendFromCustomDomain ? '${customSender!.properties.username}@${customEmailDomain!.properties.mailFromSenderDomain}' : managedSender
output customDomainVerificationRecords object = hasCustomDomain ? customEmailDomain!.properties.verificationRecords : {}
