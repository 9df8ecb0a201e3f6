/**
 * 200 resolved MSP helpdesk sessions (25 kinds of problem, 8 distinct cases each: the same
 * symptom with a different device, product or cause, as a helpdesk really sees them), and 20
 * new escalations written in other words, each with the past session that answers it.
 * Cases of one kind share most of their vocabulary, so finding the right one is not trivial.
 */

export interface PastSession {
  key: string
  title: string
  report: string
  resolution: string
  rootCause: string
}

export interface NewEscalation {
  /** The past session that answers it. */
  answer: string
  title: string
  report: string
  note: string
}

type Case = [key: string, subject: string, clue: string, resolution: string]
interface Kind {
  rootCause: string
  title: (subject: string) => string
  report: (subject: string, clue: string) => string
  cases: Case[]
}

const CLIENTS = ['Dunmore Dental', 'Harbor Legal', 'Pinecrest Accounting', 'Northwind Logistics', 'Maple Street Clinic', 'Bluefin Architects', 'Oakridge School', 'Summit Realty']

const KINDS: Kind[] = [
  {
    rootCause: 'configuration',
    title: (s) => `${s} printer shows offline`,
    report: (s, c) => `The ${s} shows Offline on every PC although the device display says Ready. ${c}`,
    cases: [
      ['printer-snmp', 'HP LaserJet M404', 'It pings and its web page loads; the port on PRINT01 has SNMP status enabled.', 'Unticked "SNMP Status Enabled" on the Standard TCP/IP port; SNMP is disabled on the printer.'],
      ['printer-wsd', 'Brother MFC-L8900', 'It was installed through WSD discovery and goes offline after sleep.', 'Replaced the WSD port with a Standard TCP/IP port on the printer IP.'],
      ['printer-dhcp', 'Kyocera TASKalfa 3253ci', 'The printer got a new address from DHCP after the router was replaced.', 'Made a DHCP reservation for the printer and updated the port to the new IP.'],
      ['printer-sleep', 'Canon imageRUNNER C3226', 'It drops off the network after deep sleep and wakes only when someone presses a button.', 'Disabled deep sleep (Energy Saver) on the Canon so it keeps its network link.'],
      ['printer-vlan', 'Xerox VersaLink C405', 'The switch port was moved to the guest VLAN during the cabling work.', 'Moved the printer switch port back to the office VLAN 20.'],
      ['printer-gpo', 'Ricoh IM C3000', 'Only machines that got the new printer GPO see it offline.', 'Fixed the Group Policy Preferences printer item that pointed to the old print server name.'],
      ['printer-driver', 'Lexmark MS821', 'After the Windows update the queue is offline and jobs error.', 'Installed the Lexmark Universal v3 driver in place of the class driver Windows Update pushed.'],
      ['printer-firmware', 'Epson WorkForce Pro WF-C579R', 'The device rejects connections since a firmware update, port 9100 closed.', 'Re-enabled RAW port 9100 printing in the Epson Web Config after the firmware reset it.'],
    ],
  },
  {
    rootCause: 'account',
    title: (s) => `Outlook keeps asking for a password (${s})`,
    report: (s, c) => `Outlook desktop prompts for the Microsoft 365 password again and again for ${s}. ${c}`,
    cases: [
      ['outlook-cred', 'one user after a password change', 'Webmail works; the prompt started right after the password change.', 'Removed the stale MicrosoftOffice16 entries from Credential Manager and signed in again.'],
      ['outlook-modern', 'the whole office', 'Started after MFA was switched on for the tenant; old Office 2013 clients.', 'Enabled modern authentication (ADAL) registry keys on Office 2013 and planned the upgrade.'],
      ['outlook-wam', 'a new laptop', 'The work account shows an error under Access work or school.', 'Removed and re-added the work account under Access work or school so WAM issues a fresh token.'],
      ['outlook-license', 'a user moved to a new team', 'The prompt says the account is not licensed for Exchange.', 'Assigned the Exchange Online licence back in the admin center; it was dropped with the group change.'],
      ['outlook-autodiscover', 'users of the old domain', 'Autodiscover resolves to the old on-premises server.', 'Fixed the autodiscover CNAME to autodiscover.outlook.com and removed the old SCP.'],
      ['outlook-ca', 'users working from home', 'Conditional Access sign-in logs show blocked: device not compliant.', 'Enrolled the laptops in Intune so the compliance policy of Conditional Access is met.'],
      ['outlook-clock', 'a workstation in the warehouse', 'The Windows clock is 20 minutes off.', 'Fixed the time sync (w32tm /resync against the DC); the token was rejected for clock skew.'],
      ['outlook-profile', 'a user with a shared mailbox', 'The prompt comes from the automapped shared mailbox.', 'Removed and re-granted FullAccess on the shared mailbox so automapping refreshes.'],
    ],
  },
  {
    rootCause: 'network',
    title: (s) => `VPN drops every few minutes (${s})`,
    report: (s, c) => `The ${s} VPN disconnects every 5 to 10 minutes for remote users. ${c}`,
    cases: [
      ['vpn-mtu', 'GlobalProtect', 'Large transfers stall, small pings are fine.', 'Lowered the tunnel MTU to 1400 on the GlobalProtect gateway.'],
      ['vpn-wifi', 'FortiClient', 'Only on Wi-Fi; wired at home is stable.', 'Turned off power saving on the Intel Wi-Fi adapter (allow the computer to turn off this device).'],
      ['vpn-udp', 'WireGuard', 'The home router drops idle UDP sessions.', 'Set PersistentKeepalive = 25 in the WireGuard peer configuration.'],
      ['vpn-dpd', 'Meraki client VPN', 'The log shows dead peer detection timeouts.', 'Aligned the IKE DPD timers on the Meraki MX with the client.'],
      ['vpn-cert', 'SonicWall NetExtender', 'It started when the certificate was renewed.', 'Installed the new intermediate CA certificate on the SonicWall.'],
      ['vpn-ipconflict', 'OpenVPN', 'Users at home have the same 192.168.1.0/24 range as the office.', 'Moved the office LAN routes off 192.168.1.0/24 for the OpenVPN pool.'],
      ['vpn-lease', 'Cisco AnyConnect', 'The ASA drops the session at exactly the same interval.', 'Raised the idle timeout in the AnyConnect group policy on the ASA.'],
      ['vpn-isp', 'L2TP Windows built-in', 'Only users on one ISP, CGNAT.', 'Moved those users from L2TP to the SSL VPN, which passes the ISP CGNAT.'],
    ],
  },
  {
    rootCause: 'permissions',
    title: (s) => `Cannot open the ${s} share`,
    report: (s, c) => `Users get Access denied opening the ${s} file share on the file server. ${c}`,
    cases: [
      ['share-ntfs', 'Finance', 'Share permissions allow Everyone but NTFS only has the old group.', 'Added the new Finance security group to the NTFS ACL of the Finance folder.'],
      ['share-token', 'HR', 'The user was added to the group this morning.', 'The user signed out and in to refresh the Kerberos token with the new group (klist purge).'],
      ['share-smb1', 'Scans', 'The old copier writes with SMB1 and the server disabled it.', 'Switched the copier to SMB2 scan-to-folder after a firmware update.'],
      ['share-dfs', 'Projects', 'The DFS namespace points to a retired server target.', 'Removed the retired folder target from the DFS namespace.'],
      ['share-abe', 'Departments', 'Folders are invisible rather than denied.', 'Access-based enumeration hid it; granted list permission on the parent folder.'],
      ['share-offline', 'Home drives', 'Offline Files shows the drive as working offline.', 'Reset the Offline Files cache (CSC) and turned off offline files by GPO.'],
      ['share-spn', 'Archive', 'Works by IP but not by the DNS alias.', 'Registered the HOST SPN for the DNS alias (setspn -S) so Kerberos works.'],
      ['share-quota', 'Marketing', 'Writes fail with access denied when saving large files.', 'Raised the FSRM quota on the Marketing folder; it was full.'],
    ],
  },
  {
    rootCause: 'hardware',
    title: (s) => `${s} will not power on`,
    report: (s, c) => `The ${s} does not start: no lights, no fans. ${c}`,
    cases: [
      ['power-psu', 'Dell OptiPlex 7090', 'The PSU LED does not come on with a known good cable.', 'Replaced the power supply under Dell warranty.'],
      ['power-cmos', 'Lenovo ThinkCentre M70q', 'It starts after the CMOS battery is pulled, then dies again.', 'Replaced the CMOS battery (CR2032).'],
      ['power-dock', 'HP EliteBook 840 on a USB-C dock', 'Only on the dock; on its own charger it boots.', 'Updated the HP USB-C dock firmware; the dock did not negotiate power.'],
      ['power-battery', 'Surface Laptop 4', 'The battery is swollen, the trackpad bulges.', 'Replaced the Surface under warranty for a swollen battery.'],
      ['power-ups', 'file server NAS', 'The UPS shut it down and it stays off.', 'Turned on "restore power on AC return" in the NAS settings after the UPS shutdown.'],
      ['power-button', 'Acer Veriton tower', 'The front power button feels loose.', 'Replaced the front panel power switch cable.'],
      ['power-ram', 'Dell Latitude 5420', 'The power light blinks amber and white 2 and 3 times.', 'Reseated the RAM module; the 2-3 blink code is memory.'],
      ['power-gpu', 'gaming PC in the design studio', 'Fans spin for a second then stop.', 'Connected the missing PCIe power cable to the graphics card.'],
    ],
  },
  {
    rootCause: 'software_bug',
    title: (s) => `${s} crashes on start`,
    report: (s, c) => `${s} closes immediately after the splash screen on several PCs. ${c}`,
    cases: [
      ['crash-teams', 'New Teams', 'The event log shows ms-teams.exe faulting in WebView2.', 'Repaired the Microsoft Edge WebView2 runtime and reset Teams.'],
      ['crash-excel-addin', 'Excel', 'Starts in safe mode fine.', 'Disabled the outdated PDF COM add-in in Excel.'],
      ['crash-quickbooks', 'QuickBooks Desktop', 'Error after the Windows update, .NET related.', 'Repaired .NET Framework 4.8 with the QuickBooks Tool Hub.'],
      ['crash-adobe', 'Adobe Acrobat', 'It crashes only when protected mode is on.', 'Turned off protected mode at startup in Acrobat.'],
      ['crash-sage', 'Sage 50', 'Crashes when opening the company file from the network share.', 'Excluded the Sage data folder from real-time antivirus scanning.'],
      ['crash-autocad', 'AutoCAD 2024', 'Crash mentions the graphics driver.', 'Installed the certified NVIDIA Studio driver for AutoCAD.'],
      ['crash-chrome', 'Google Chrome', 'Only for one user profile.', 'Renamed the corrupt Chrome User Data Default folder.'],
      ['crash-dentrix', 'Dentrix', 'After the server move it crashes connecting.', 'Updated the Dentrix connection to the new database server name.'],
    ],
  },
  {
    rootCause: 'network',
    title: (s) => `Slow internet at ${s}`,
    report: (s, c) => `Browsing is very slow at the ${s} office, speed tests vary a lot. ${c}`,
    cases: [
      ['slow-duplex', 'branch', 'The firewall WAN port shows many CRC errors.', 'Fixed the duplex mismatch on the WAN port by forcing 1000/full.'],
      ['slow-dns', 'main', 'Pages take seconds to start loading, then are fast.', 'Replaced the forwarders on the DC with working DNS servers; the old ISP resolvers timed out.'],
      ['slow-backup', 'accounting', 'It is slow every afternoon at the same time.', 'Rescheduled the cloud backup upload to night and set a bandwidth limit.'],
      ['slow-loop', 'warehouse', 'The switch LEDs all blink together.', 'Removed the looped cable and enabled spanning tree on the unmanaged switches replacement.'],
      ['slow-wifi', 'meeting room', 'Only on Wi-Fi in the conference area, 2.4 GHz.', 'Moved the access point to 5 GHz and a clean channel.'],
      ['slow-isp', 'clinic', 'The modem log shows many T3 timeouts.', 'The ISP replaced the cable modem after the T3 timeouts.'],
      ['slow-ipsfilter', 'law firm', 'It got slow when the firewall subscription was renewed.', 'Tuned the firewall IPS profile that was inspecting all traffic twice.'],
      ['slow-proxy', 'school', 'Browsers use an old PAC file.', 'Removed the old proxy PAC setting from Group Policy.'],
    ],
  },
  {
    rootCause: 'account',
    title: (s) => `User locked out repeatedly (${s})`,
    report: (s, c) => `The Active Directory account of ${s} locks out several times a day. ${c}`,
    cases: [
      ['lockout-phone', 'a sales rep', 'Lockouts come from the Exchange server, the phone has old mail settings.', 'Updated the password on the phone mail profile; the phone was the lockout source.'],
      ['lockout-drive', 'the office manager', 'Event 4740 shows the caller computer is her old PC.', 'Removed the mapped drive with saved credentials on her old PC.'],
      ['lockout-service', 'a service account', 'Lockouts from the SQL server every hour.', 'Updated the scheduled task running under the old password on the SQL server.'],
      ['lockout-rdp', 'a remote user', 'Lockouts from the RDP gateway.', 'Removed the saved RDP credentials on the home PC.'],
      ['lockout-wifi', 'a nurse', 'The source is the RADIUS server.', 'Removed the saved Wi-Fi network with old credentials from the tablet.'],
      ['lockout-brute', 'the CEO', 'Hundreds of failures from a foreign IP on the mail server.', 'Blocked legacy authentication and the attacking IP; brute force from outside.'],
      ['lockout-credman', 'an accountant', 'Source is her own laptop, no obvious app.', 'Cleared stale domain entries in Credential Manager on the laptop.'],
      ['lockout-mac', 'a designer on a Mac', 'The Mac keychain keeps an old network password.', 'Deleted the old entries in the Mac keychain.'],
    ],
  },
  {
    rootCause: 'configuration',
    title: (s) => `Emails to ${s} bounce`,
    report: (s, c) => `Outgoing email to ${s} is rejected with an NDR. ${c}`,
    cases: [
      ['mail-spf', 'a supplier', 'The NDR says SPF fail.', 'Added the new email security gateway to the SPF record.'],
      ['mail-dkim', 'Gmail recipients', 'Gmail says the message is not authenticated.', 'Enabled DKIM signing in Microsoft 365 and published the CNAMEs.'],
      ['mail-blacklist', 'several customers', 'The NDR mentions a Spamhaus listing.', 'Found the compromised mailbox, reset it and requested delisting.'],
      ['mail-connector', 'the parent company', 'Mail loops between tenants.', 'Fixed the outbound connector that sent mail to the old smart host.'],
      ['mail-size', 'the print shop', 'Large attachments only.', 'Raised the message size limit on the mailbox; it was 10 MB.'],
      ['mail-dmarc', 'a bank', 'The bank enforces DMARC reject.', 'Aligned the From domain with SPF and DKIM for DMARC.'],
      ['mail-tls', 'a government office', 'They require TLS and the connection falls back.', 'Enforced TLS on the partner connector with their certificate.'],
      ['mail-mx', 'everyone after the domain move', 'The MX record still points at the old host.', 'Updated the MX record to the Microsoft 365 endpoint.'],
    ],
  },
  {
    rootCause: 'software_bug',
    title: (s) => `Windows update fails on ${s}`,
    report: (s, c) => `The cumulative update fails and rolls back on ${s}. ${c}`,
    cases: [
      ['wu-disk', 'reception PCs', 'Error 0x80070070, small SSDs.', 'Freed disk space (Disk Cleanup, removed old update files); 0x80070070 is low disk space.'],
      ['wu-recovery', 'the finance laptops', 'KB5034441 fails with 0x80070643.', 'Resized the recovery partition for KB5034441.'],
      ['wu-wsus', 'all domain PCs', 'They report to a WSUS server that was decommissioned.', 'Removed the WSUS GPO pointing to the retired server.'],
      ['wu-corrupt', 'one workstation', 'SFC finds corrupt files.', 'Ran DISM /RestoreHealth and sfc /scannow, then reset the update components.'],
      ['wu-driver', 'the HP laptops', 'Rollback mentions a driver.', 'Blocked the faulty audio driver from Windows Update and updated it from HP.'],
      ['wu-bitlocker', 'the Surface devices', 'The update asks for the BitLocker recovery key.', 'Suspended BitLocker before the firmware update.'],
      ['wu-av', 'the lab PCs', 'The third-party antivirus blocks the installer.', 'Updated the antivirus agent that blocked the servicing stack.'],
      ['wu-time', 'kiosk PCs', 'They never find updates, time is wrong.', 'Fixed the time and the blocked Windows Update URLs on the kiosk firewall.'],
    ],
  },
  {
    rootCause: 'hardware',
    title: (s) => `Monitor flickers (${s})`,
    report: (s, c) => `The external screen flickers or goes black for a second on ${s}. ${c}`,
    cases: [
      ['mon-cable', 'a dual-screen desk', 'Only the DisplayPort screen.', 'Replaced the DisplayPort cable.'],
      ['mon-refresh', 'a 144 Hz monitor', 'Only at 144 Hz.', 'Set the refresh rate to 60 Hz, the dock cannot carry 144 Hz.'],
      ['mon-driver', 'Intel graphics laptops', 'Started after the graphics driver update.', 'Rolled back the Intel graphics driver.'],
      ['mon-psr', 'Dell laptops', 'The internal panel flickers too.', 'Disabled Panel Self Refresh in the Intel graphics settings.'],
      ['mon-dock', 'Thunderbolt docks', 'All screens on the dock flicker.', 'Updated the Thunderbolt dock firmware.'],
      ['mon-hdr', 'a designer screen', 'When HDR is enabled.', 'Turned off HDR in Windows display settings.'],
      ['mon-power', 'an old Samsung monitor', 'The screen clicks when it goes black.', 'Replaced the monitor; its power board was failing.'],
      ['mon-kvm', 'a KVM switch setup', 'Only through the KVM switch.', 'Replaced the KVM switch with one supporting the resolution.'],
    ],
  },
  {
    rootCause: 'configuration',
    title: (s) => `Cannot connect to the office Wi-Fi (${s})`,
    report: (s, c) => `${s} cannot join the office Wi-Fi network. ${c}`,
    cases: [
      ['wifi-cert', 'domain laptops', 'The 802.1X certificate expired.', 'Renewed the NPS server certificate used for PEAP.'],
      ['wifi-dhcp', 'new phones', 'They connect but get a 169.254 address.', 'Extended the DHCP scope; it was exhausted.'],
      ['wifi-wpa3', 'older laptops', 'After the switch to WPA3 only.', 'Enabled WPA2/WPA3 transition mode.'],
      ['wifi-mac', 'guest devices', 'MAC filtering is enabled on the controller.', 'Disabled the MAC filter on the guest SSID.'],
      ['wifi-band', 'warehouse scanners', '2.4 GHz only devices.', 'Re-enabled the 2.4 GHz radio on the warehouse APs.'],
      ['wifi-radius', 'all staff', 'The RADIUS server shared secret was changed.', 'Updated the RADIUS shared secret on the controller.'],
      ['wifi-hidden', 'a new MacBook', 'The SSID is hidden.', 'Added the hidden SSID manually with the right security.'],
      ['wifi-driver', 'Realtek adapters', 'After Windows 11 upgrade.', 'Installed the vendor Realtek Wi-Fi driver.'],
    ],
  },
  {
    rootCause: 'third_party',
    title: (s) => `${s} sync not working`,
    report: (s, c) => `Files stopped syncing in ${s}. ${c}`,
    cases: [
      ['sync-odpath', 'OneDrive', 'The error says the path is too long.', 'Shortened the folder names beyond the 400 character OneDrive path limit.'],
      ['sync-odchars', 'OneDrive', 'Files with # in the name do not upload.', 'Renamed files with invalid characters.'],
      ['sync-spquota', 'SharePoint library', 'The site storage is full.', 'Raised the SharePoint site storage quota.'],
      ['sync-dropbox', 'Dropbox', 'Sync paused for a selective sync conflict.', 'Resolved the Dropbox selective sync conflict.'],
      ['sync-odkfm', 'OneDrive known folders', 'Desktop not backed up, GPO conflict.', 'Removed the folder redirection GPO conflicting with known folder move.'],
      ['sync-odreset', 'OneDrive', 'Stuck on processing changes.', 'Reset OneDrive (onedrive.exe /reset).'],
      ['sync-gdrive', 'Google Drive for desktop', 'The virtual drive letter is missing.', 'Reinstalled Google Drive for desktop and reassigned drive letter G.'],
      ['sync-box', 'Box Drive', 'Blocked by the proxy.', 'Allowed the Box domains on the web filter.'],
    ],
  },
  {
    rootCause: 'configuration',
    title: (s) => `Scan to email stopped on the ${s}`,
    report: (s, c) => `The ${s} copier cannot send scans by email any more. ${c}`,
    cases: [
      ['scan-basic', 'Konica Minolta bizhub', 'Microsoft disabled basic authentication for SMTP.', 'Set up an SMTP relay connector in Microsoft 365 for the copier.'],
      ['scan-tls', 'Sharp MX', 'The copier only supports TLS 1.0.', 'Pointed the copier at the internal SMTP relay that accepts TLS 1.0.'],
      ['scan-pass', 'Xerox AltaLink', 'The scan mailbox password expired.', 'Set the scan mailbox password to never expire and updated the copier.'],
      ['scan-port', 'Canon imageRUNNER', 'Port 25 blocked by the ISP.', 'Changed the copier SMTP to port 587 with STARTTLS.'],
      ['scan-mfa', 'Ricoh MP', 'MFA was enforced on the scanner account.', 'Excluded the scanner account from MFA with a named location policy.'],
      ['scan-size', 'Kyocera ECOSYS', 'Large scans fail.', 'Lowered scan resolution and raised the relay message limit.'],
      ['scan-dns', 'HP PageWide', 'The copier DNS points to an old server.', 'Updated the DNS servers on the copier.'],
      ['scan-cert', 'Lexmark CX', 'Certificate validation fails.', 'Installed the root certificate on the Lexmark.'],
    ],
  },
  {
    rootCause: 'network',
    title: (s) => `Remote Desktop fails to ${s}`,
    report: (s, c) => `Users cannot connect with Remote Desktop to ${s}. ${c}`,
    cases: [
      ['rdp-nla', 'the terminal server', 'The error mentions CredSSP encryption oracle.', 'Patched the server for CredSSP; clients were updated first.'],
      ['rdp-license', 'the RDS farm', 'No Remote Desktop licence servers available.', 'Renewed the RDS CAL grace period expiry with new licences.'],
      ['rdp-cert', 'the RD Gateway', 'The gateway certificate expired.', 'Renewed the RD Gateway certificate.'],
      ['rdp-firewall', 'a workstation', 'Port 3389 blocked after the firewall GPO.', 'Allowed Remote Desktop in the Windows firewall GPO.'],
      ['rdp-group', 'the accounting server', 'User not in Remote Desktop Users.', 'Added the user to Remote Desktop Users.'],
      ['rdp-dns', 'servers by name', 'Works by IP only.', 'Fixed the stale DNS A records.'],
      ['rdp-black', 'the new server', 'Black screen after login.', 'Disabled the WDDM graphics driver for remote sessions by policy.'],
      ['rdp-udp', 'a remote office', 'Freezes every minute.', 'Disabled RDP over UDP on the client.'],
    ],
  },
  {
    rootCause: 'user_error',
    title: (s) => `${s} not arriving`,
    report: (s, c) => `${s} do not reach the user. ${c}`,
    cases: [
      ['mfa-time', 'MFA codes by SMS', 'The phone number was changed.', 'Updated the authentication phone number.'],
      ['mail-rule', 'Invoices by email', 'An inbox rule moves them.', 'Removed the inbox rule that moved invoices to RSS Feeds.'],
      ['mail-quarantine', 'External emails', 'They sit in quarantine.', 'Released from quarantine and added the sender to the allow list.'],
      ['mail-focused', 'Client emails', 'They go to Other.', 'Turned off Focused Inbox.'],
      ['mail-forward', 'All emails', 'Mail is forwarded to a personal address.', 'Removed the forwarding rule (possible compromise checked).'],
      ['teams-notif', 'Teams notifications', 'Focus assist is on.', 'Turned off focus assist for work hours.'],
      ['mail-junk', 'Supplier emails', 'The supplier is in blocked senders.', 'Removed the supplier from blocked senders.'],
      ['mail-shared', 'Shared mailbox emails', 'Sent to the shared mailbox not the user.', 'Added the user to the shared mailbox.'],
    ],
  },
  {
    rootCause: 'hardware',
    title: (s) => `${s} keyboard or mouse not working`,
    report: (s, c) => `The ${s} keyboard and mouse stop responding. ${c}`,
    cases: [
      ['kb-receiver', 'Logitech wireless', 'The receiver is at the back of the PC.', 'Moved the Logitech Unifying receiver to a front USB port with an extension.'],
      ['kb-usbpower', 'USB', 'Stops after idle.', 'Disabled USB selective suspend.'],
      ['kb-bt', 'Bluetooth', 'After waking from sleep.', 'Re-paired the Bluetooth devices and updated the Bluetooth driver.'],
      ['kb-dock', 'docked laptop', 'Only through the dock.', 'Updated the dock firmware.'],
      ['kb-battery', 'Microsoft Surface', 'Intermittent.', 'Replaced the batteries.'],
      ['kb-filter', 'accessibility', 'Keys respond slowly.', 'Turned off Filter Keys.'],
      ['kb-layout', 'UK', 'The wrong characters appear.', 'Removed the US keyboard layout.'],
      ['kb-kvm', 'KVM', 'Through the KVM only.', 'Replaced the KVM switch.'],
    ],
  },
  {
    rootCause: 'permissions',
    title: (s) => `Cannot install ${s}`,
    report: (s, c) => `The user cannot install ${s}. ${c}`,
    cases: [
      ['install-admin', 'Zoom', 'UAC asks for admin credentials.', 'Deployed Zoom through Intune.'],
      ['install-applocker', 'a browser extension', 'Blocked by AppLocker.', 'Added a publisher rule to AppLocker.'],
      ['install-smartscreen', 'the vendor tool', 'SmartScreen blocks it.', 'Unblocked the file after checking its signature.'],
      ['install-msi', 'the accounting plugin', 'MSI error 1603.', 'Installed the missing Visual C++ redistributable; 1603 was a dependency.'],
      ['install-store', 'Microsoft Store apps', 'The Store is disabled by policy.', 'Allowed the private Store by policy.'],
      ['install-disk', 'Adobe Creative Cloud', 'Not enough space.', 'Freed space on C: drive.'],
      ['install-arch', 'an old driver', 'Not supported on ARM.', 'Installed the ARM64 driver from the vendor.'],
      ['install-defender', 'a remote tool', 'Defender quarantines it.', 'Added an exclusion for the approved remote support tool.'],
    ],
  },
  {
    rootCause: 'third_party',
    title: (s) => `${s} is down`,
    report: (s, c) => `${s} does not load for anyone in the office. ${c}`,
    cases: [
      ['down-cert', 'The client portal', 'Certificate expired warning.', 'Renewed the Let\'s Encrypt certificate; auto renew was broken.'],
      ['down-dns', 'The company website', 'DNS does not resolve.', 'Renewed the expired domain registration.'],
      ['down-vendor', 'The practice management cloud app', 'Vendor status page shows an outage.', 'Waited for the vendor outage to end; informed users.'],
      ['down-firewall', 'The intranet', 'Only from inside.', 'Fixed the NAT hairpin rule on the firewall.'],
      ['down-iis', 'The timesheet app', 'HTTP 503.', 'Restarted the stopped IIS application pool (identity password expired).'],
      ['down-sql', 'The CRM', 'Database connection error.', 'Started the SQL Server service after disk space was freed.'],
      ['down-geo', 'The payroll site', 'Blocked by the geo filter.', 'Allowed the country in the web filter geo block.'],
      ['down-browser', 'The old intranet', 'Needs Internet Explorer.', 'Configured IE mode in Edge for the site.'],
    ],
  },
  {
    rootCause: 'hardware',
    title: (s) => `Laptop overheating (${s})`,
    report: (s, c) => `The ${s} laptop gets very hot and throttles. ${c}`,
    cases: [
      ['heat-fan', 'Dell XPS', 'The fan is loud then stops.', 'Replaced the fan.'],
      ['heat-dust', 'Lenovo ThinkPad', 'Vents are clogged.', 'Cleaned the dust from the heatsink.'],
      ['heat-bios', 'HP ProBook', 'After BIOS update.', 'Updated the BIOS thermal policy.'],
      ['heat-process', 'Acer', 'A process uses 100 percent CPU.', 'Removed the runaway indexing process.'],
      ['heat-paste', 'MacBook Pro', 'Old model.', 'Replaced the thermal paste.'],
      ['heat-power', 'ASUS', 'High performance plan.', 'Set the balanced power plan.'],
      ['heat-dock', 'Surface Pro', 'Closed lid on the dock.', 'Opened the lid for airflow on the dock.'],
      ['heat-malware', 'Toshiba', 'Crypto miner found.', 'Removed the crypto mining malware.'],
    ],
  },
  {
    rootCause: 'configuration',
    title: (s) => `Shared calendar not visible (${s})`,
    report: (s, c) => `The ${s} calendar does not show up in Outlook. ${c}`,
    cases: [
      ['cal-perm', 'team', 'No permission.', 'Granted reviewer permission on the calendar.'],
      ['cal-cache', 'room', 'Cached mode delay.', 'Turned off shared folder caching.'],
      ['cal-mobile', 'iPhone', 'Not on the phone.', 'Enabled shared calendars in the mobile app.'],
      ['cal-resource', 'meeting room', 'Room mailbox not listed.', 'Added the room to a room list.'],
      ['cal-delegate', 'CEO', 'Delegate cannot see private items.', 'Allowed delegate to see private items.'],
      ['cal-ics', 'holiday', 'The ICS feed is stale.', 'Resubscribed the internet calendar.'],
      ['cal-group', 'project group', 'The group is hidden.', 'Unhid the Microsoft 365 group from the address list.'],
      ['cal-mac', 'Mac Outlook', 'New Outlook for Mac.', 'Added the shared calendar in new Outlook for Mac.'],
    ],
  },
  {
    rootCause: 'network',
    title: (s) => `Phones drop calls (${s})`,
    report: (s, c) => `The ${s} desk phones drop calls after about 30 seconds. ${c}`,
    cases: [
      ['voip-sip', 'Yealink', 'SIP ALG on the router.', 'Disabled SIP ALG on the router.'],
      ['voip-nat', 'Polycom', 'One way audio.', 'Opened the RTP port range on the firewall.'],
      ['voip-qos', 'Cisco', 'Choppy audio under load.', 'Set QoS with DSCP EF for voice.'],
      ['voip-vlan', 'Grandstream', 'Phones not on the voice VLAN.', 'Configured the voice VLAN with LLDP.'],
      ['voip-poe', 'Snom', 'Phones reboot.', 'Replaced the PoE switch with enough budget.'],
      ['voip-provider', 'Teams Phone', 'Provider issue.', 'The carrier fixed their SBC.'],
      ['voip-timer', 'Mitel', 'UDP timeout on the firewall.', 'Raised the firewall UDP timeout for SIP.'],
      ['voip-dns', 'Avaya', 'Registration fails.', 'Fixed the SRV records.'],
    ],
  },
  {
    rootCause: 'software_bug',
    title: (s) => `Browser shows certificate errors (${s})`,
    report: (s, c) => `Every site shows a certificate warning on ${s}. ${c}`,
    cases: [
      ['cert-clock', 'an old PC', 'CMOS time is wrong.', 'Fixed the clock and the CMOS battery.'],
      ['cert-inspect', 'all PCs', 'SSL inspection was enabled.', 'Deployed the firewall inspection CA by GPO.'],
      ['cert-root', 'Windows 7 PCs', 'Missing new roots.', 'Updated the root certificates.'],
      ['cert-av', 'one laptop', 'Antivirus web shield.', 'Reinstalled the antivirus web shield certificate.'],
      ['cert-proxy', 'the school', 'Transparent proxy.', 'Installed the proxy certificate.'],
      ['cert-malware', 'a home PC', 'A rogue root certificate.', 'Removed the rogue root certificate and malware.'],
      ['cert-hsts', 'intranet', 'Self signed.', 'Issued a certificate from the internal CA.'],
      ['cert-firefox', 'Firefox only', 'Firefox does not use the Windows store.', 'Enabled enterprise roots in Firefox.'],
    ],
  },
  {
    rootCause: 'configuration',
    title: (s) => `Backup job failed (${s})`,
    report: (s, c) => `The nightly backup of ${s} reports failure. ${c}`,
    cases: [
      ['backup-vss', 'the file server', 'VSS writer failed.', 'Restarted the failed VSS writer service.'],
      ['backup-space', 'the NAS', 'Target full.', 'Cleaned old restore points on the NAS.'],
      ['backup-creds', 'the SQL server', 'Access denied.', 'Updated the backup service account password.'],
      ['backup-cloud', 'Microsoft 365', 'Token expired.', 'Reauthorized the backup app in Entra ID.'],
      ['backup-lock', 'the accounting database', 'Files locked.', 'Used the application aware backup mode.'],
      ['backup-network', 'the branch', 'Timeouts.', 'Fixed the VPN for the backup traffic.'],
      ['backup-license', 'Veeam', 'License expired.', 'Renewed the Veeam license.'],
      ['backup-usb', 'the USB drive', 'Drive letter changed.', 'Assigned a fixed drive letter.'],
    ],
  },
  {
    rootCause: 'permissions',
    title: (s) => `Mailbox permissions issue (${s})`,
    report: (s, c) => `The user cannot send as ${s}. ${c}`,
    cases: [
      ['sendas-perm', 'the info mailbox', 'No Send As.', 'Granted Send As on the info mailbox.'],
      ['sendas-cache', 'the sales mailbox', 'Permission added today.', 'Waited for replication and restarted Outlook.'],
      ['sendas-onbehalf', 'the manager', 'Sends on behalf instead.', 'Replaced Send on Behalf with Send As.'],
      ['sendas-group', 'a distribution group', 'Group not allowed.', 'Granted Send As on the distribution group.'],
      ['sendas-sent', 'the support mailbox', 'Sent items go to own mailbox.', 'Enabled MessageCopyForSentAsEnabled.'],
      ['sendas-alias', 'an alias', 'Send from alias not enabled.', 'Enabled send from aliases in the tenant.'],
      ['sendas-mobile', 'the mobile app', 'Not supported on the phone.', 'Used Outlook mobile with the shared mailbox added.'],
      ['sendas-hybrid', 'an on-premises mailbox', 'Hybrid permissions.', 'Granted permissions in Exchange on premises.'],
    ],
  },
]

/** The 200 past sessions, each with a client name so no two read the same. */
export function pastSessions(): PastSession[] {
  const out: PastSession[] = []
  KINDS.forEach((kind, k) => {
    kind.cases.forEach(([key, subject, clue, resolution], i) => {
      const client = CLIENTS[(k + i) % CLIENTS.length]
      out.push({ key, title: kind.title(subject), report: `Customer ${client}: ${kind.report(subject, clue)}`, resolution, rootCause: kind.rootCause })
    })
  })
  return out
}

/** New escalations, worded the way another engineer would, and the past session that answers each. */
export const NEW_ESCALATIONS: NewEscalation[] = [
  { answer: 'printer-snmp', title: 'M404 at front desk offline', report: 'Front desk HP M404 is offline on all workstations but I can reach its web page and ping it. Queue on the print server is stuck.', note: 'Spooler restart did nothing' },
  { answer: 'printer-wsd', title: 'Brother printer keeps going offline', report: 'Our Brother MFC-L8900 goes offline every morning after it sleeps overnight. It was added automatically by Windows.', note: '' },
  { answer: 'outlook-modern', title: 'Password prompts since MFA', report: 'Since we turned on MFA everyone with Office 2013 gets Outlook password popups constantly.', note: 'Whole office affected' },
  { answer: 'outlook-clock', title: 'Outlook credentials loop on warehouse PC', report: 'Warehouse workstation: Outlook asks for credentials nonstop. I noticed the clock in the taskbar is wrong by about 20 minutes.', note: '' },
  { answer: 'vpn-udp', title: 'WireGuard tunnel dies when idle', report: 'Remote staff on WireGuard lose the tunnel when they are idle for a few minutes, their home router seems to drop it.', note: '' },
  { answer: 'vpn-mtu', title: 'GlobalProtect stalls on big files', report: 'GlobalProtect users: pings work but copying large files over the VPN stalls and then the VPN disconnects.', note: '' },
  { answer: 'share-token', title: 'New starter denied on HR folder', report: 'Added the new HR person to the HR group this morning but she still gets access denied on the HR share.', note: '' },
  { answer: 'share-spn', title: 'Archive share works by IP only', report: 'The archive share opens by IP address but by the DNS alias name we get access denied, Kerberos maybe.', note: '' },
  { answer: 'power-ram', title: 'Latitude 5420 blinking amber', report: 'Dell Latitude 5420 will not boot, power LED blinks amber and white, 2 then 3.', note: '' },
  { answer: 'crash-teams', title: 'New Teams closes right away', report: 'New Teams crashes at launch on several PCs, event viewer shows WebView2 errors.', note: '' },
  { answer: 'slow-dns', title: 'Web pages slow to start', report: 'At the main office every website takes several seconds before it begins to load, after that it is quick. DNS?', note: '' },
  { answer: 'lockout-phone', title: 'Sales rep keeps getting locked out', report: 'A sales rep is locked out of AD many times a day, the lockout source is the Exchange server. She changed her password last week and has mail on her phone.', note: '' },
  { answer: 'mail-spf', title: 'Supplier rejects our mail', report: 'Our emails to a supplier bounce with an SPF failure since we added the new email security gateway.', note: '' },
  { answer: 'wu-disk', title: 'Update error 0x80070070', report: 'Reception PCs fail the monthly cumulative update with 0x80070070. They have small SSDs.', note: '' },
  { answer: 'wifi-dhcp', title: 'Phones get 169.254 address on Wi-Fi', report: 'New staff phones join the Wi-Fi but get a 169.254 address and no internet.', note: '' },
  { answer: 'sync-odpath', title: 'OneDrive path too long error', report: 'OneDrive stopped syncing some folders with an error about the path being too long.', note: '' },
  { answer: 'scan-basic', title: 'bizhub cannot email scans', report: 'The Konica Minolta bizhub copier stopped sending scan to email, Microsoft 365 SMTP authentication fails.', note: '' },
  { answer: 'rdp-cert', title: 'RD Gateway connection fails', report: 'Nobody can connect through the RD Gateway since this morning, the client warns about the gateway certificate.', note: '' },
  { answer: 'voip-sip', title: 'Yealink calls cut after 30 s', report: 'Yealink desk phones drop calls after about 30 seconds, the new router was installed last week.', note: '' },
  { answer: 'backup-vss', title: 'File server backup VSS error', report: 'Nightly backup of the file server fails with a VSS writer error.', note: '' },
]
